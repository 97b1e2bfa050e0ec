import { AgentModule } from '../agent/agent.module';
import { Module } from '@nestjs/common';
import { MessagingModule } from '../messaging/messaging.module';
import { RecordingsModule } from '../recordings/recordings.module';
import { ScoringModule } from '../scoring/scoring.module';
import { CallEventDelivery } from './call-event-delivery.service';
import { TelnyxWebhookController } from './telnyx-webhook.controller';

@Module({
  imports: [MessagingModule, AgentModule, RecordingsModule, ScoringModule],
  controllers: [TelnyxWebhookController],
  providers: [CallEventDelivery],
})
export class WebhooksModule {}
