import { Module } from '@nestjs/common';
import { NotificationSecretRepository } from '@switchboard/persistence';
import { DataSource } from 'typeorm';
import { NotificationSecretController } from './notification-secret.controller';
import { WebhookDeliveriesController, WebhookSubscriptionsController } from './outbound-webhooks.controller';
import { OutboundWebhooks } from './outbound-webhooks.service';

@Module({
  controllers: [WebhookSubscriptionsController, WebhookDeliveriesController, NotificationSecretController],
  providers: [
    OutboundWebhooks,
    {
      provide: NotificationSecretRepository,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new NotificationSecretRepository(ds),
    },
  ],
  exports: [OutboundWebhooks, NotificationSecretRepository],
})
export class OutboundWebhooksModule {}
