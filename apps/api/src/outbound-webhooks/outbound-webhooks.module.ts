import { Module } from '@nestjs/common';
import { NotificationSecretController } from './notification-secret.controller';
import { WebhookDeliveriesController, WebhookSubscriptionsController } from './outbound-webhooks.controller';
import { OutboundWebhooks } from './outbound-webhooks.service';

@Module({
  controllers: [WebhookSubscriptionsController, WebhookDeliveriesController, NotificationSecretController],
  providers: [OutboundWebhooks],
  exports: [OutboundWebhooks],
})
export class OutboundWebhooksModule {}
