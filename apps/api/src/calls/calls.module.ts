import { Module } from '@nestjs/common';
import { FormsModule } from '../forms/forms.module';
import { RecordingsModule } from '../recordings/recordings.module';
import { ReportsModule } from '../reports/reports.module';
import { CallsController, PlatformCallsController } from './calls.controller';
import { LiveCallsController } from './live/live-calls.controller';
import { LiveCallsService } from './live/live-calls.service';
import { ReachableCalls } from './reachable-calls';

@Module({
  imports: [ReportsModule, RecordingsModule, FormsModule],
  // LiveCallsController first: its `calls/live` must be matched before `calls/:callId`.
  controllers: [LiveCallsController, CallsController, PlatformCallsController],
  providers: [ReachableCalls, LiveCallsService],
  exports: [ReachableCalls],
})
export class CallsModule {}
