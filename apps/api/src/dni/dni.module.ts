import { Module } from '@nestjs/common';
import { DniAccessGuard } from './dni-access.guard';
import { DniAdminController } from './dni-admin.controller';
import { DniPublicController } from './dni-public.controller';
import { DniSettingsService } from './dni-settings.service';
import { DniRateLimitSweeper } from './rate-limiter';
import { VisitsService } from './visits.service';

/** Dynamic number insertion: settings and pools (admin), visitor sessions (public, docs/DNI.md). */
@Module({
  controllers: [DniAdminController, DniPublicController],
  providers: [DniSettingsService, VisitsService, DniAccessGuard, DniRateLimitSweeper],
})
export class DniModule {}
