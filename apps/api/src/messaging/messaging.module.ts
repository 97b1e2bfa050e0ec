import { OutboundWebhooksModule } from '../outbound-webhooks/outbound-webhooks.module';
import { Module } from '@nestjs/common';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { InboundTextService } from './inbound-text.service';
import { messagingProvider } from './messaging.provider';
import { PoolSessionTextAttribution, TEXT_ATTRIBUTION } from './text-attribution';
import { TextNotifier } from './text-notifier';
import { TextRoutingController } from './text-routing.controller';
import { TextRoutingService } from './text-routing.service';
import { TextSender } from './text-sender';

/** SMS tracking: inbound texts (from the webhook controller), text routing, conversations. */
@Module({
  imports: [OutboundWebhooksModule],
  controllers: [TextRoutingController, ConversationsController],
  providers: [
    messagingProvider,
    TextRoutingService,
    ConversationsService,
    InboundTextService,
    TextSender,
    TextNotifier,
    { provide: TEXT_ATTRIBUTION, useClass: PoolSessionTextAttribution },
  ],
  exports: [InboundTextService],
})
export class MessagingModule {}
