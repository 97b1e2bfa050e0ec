import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { CallsController, PlatformCallsController } from './calls.controller';

@Module({ imports: [ReportsModule], controllers: [CallsController, PlatformCallsController] })
export class CallsModule {}
