import { Module } from '@nestjs/common';
import { RecordingsModule } from '../recordings/recordings.module';
import { ReportsModule } from '../reports/reports.module';
import { CallsController, PlatformCallsController } from './calls.controller';
import { ReachableCalls } from './reachable-calls';

@Module({
  imports: [ReportsModule, RecordingsModule],
  controllers: [CallsController, PlatformCallsController],
  providers: [ReachableCalls],
  exports: [ReachableCalls],
})
export class CallsModule {}
