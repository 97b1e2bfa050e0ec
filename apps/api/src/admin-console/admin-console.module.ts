import { Module } from '@nestjs/common';
import { AdminConsoleController } from './admin-console.controller';

/** The admin console's page and assets (apps/admin, built into dist/admin); it calls the /v1 api. */
@Module({ controllers: [AdminConsoleController] })
export class AdminConsoleModule {}
