import { Module } from '@nestjs/common';
import { CallEventDelivery } from './call-event-delivery.service';
import { TelnyxWebhookController } from './telnyx-webhook.controller';

@Module({ controllers: [TelnyxWebhookController], providers: [CallEventDelivery] })
export class WebhooksModule {}
