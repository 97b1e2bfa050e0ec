import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { CallsController, PlatformCallsController } from './calls.controller';
import { ReachableCalls } from './reachable-calls';

@Module({
  imports: [ReportsModule],
  controllers: [CallsController, PlatformCallsController],
  providers: [ReachableCalls],
  exports: [ReachableCalls],
})
export class CallsModule {}
