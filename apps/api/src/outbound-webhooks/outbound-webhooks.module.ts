import { Module } from '@nestjs/common';
import { WebhookDeliveriesController, WebhookSubscriptionsController } from './outbound-webhooks.controller';
import { OutboundWebhooks } from './outbound-webhooks.service';

@Module({
  controllers: [WebhookSubscriptionsController, WebhookDeliveriesController],
  providers: [OutboundWebhooks],
  exports: [OutboundWebhooks],
})
export class OutboundWebhooksModule {}
