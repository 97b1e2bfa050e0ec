import { Module } from '@nestjs/common';
import { DniAccessGuard } from './dni-access.guard';
import { FormsModule } from '../forms/forms.module';
import { DniAdminController } from './dni-admin.controller';
import { DniFormsController } from './dni-forms.controller';
import { DniPublicController } from './dni-public.controller';
import { DniSettingsService } from './dni-settings.service';
import { DniRateLimitSweeper } from './rate-limiter';
import { VisitsService } from './visits.service';

/**
 * Dynamic number insertion: settings and pools (admin), visitor sessions and form submissions
 * (public, docs/DNI.md).
 */
@Module({
  imports: [FormsModule],
  controllers: [DniAdminController, DniPublicController, DniFormsController],
  providers: [DniSettingsService, VisitsService, DniAccessGuard, DniRateLimitSweeper],
})
export class DniModule {}
