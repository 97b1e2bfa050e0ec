import { OutboundWebhooksModule } from '../outbound-webhooks/outbound-webhooks.module';
import { Module } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { CONFIG } from '../common/tokens';
import { EmailAddresses } from './email-addresses';
import { EmailForwarding } from './email-forwarding.service';
import { EmailIntake } from './email-intake.service';
import { EMAIL_SENDER, SmtpEmailSender } from './email-sender';
import { EmailWebhookGuard } from './email-webhook.guard';
import { EmailsController } from './emails.controller';
import { InboundEmailController } from './inbound-email.controller';

/** Email tracking: per-source inbound addresses, the inbound webhook, storage and forwarding. */
@Module({
  imports: [OutboundWebhooksModule],
  controllers: [EmailsController, InboundEmailController],
  providers: [
    EmailAddresses,
    EmailForwarding,
    EmailIntake,
    EmailWebhookGuard,
    // The one place the sender is chosen; a different provider binds another EmailSender here.
    {
      provide: EMAIL_SENDER,
      inject: [CONFIG],
      useFactory: (cfg: SwitchboardConfig) => new SmtpEmailSender(cfg.email.smtpUrl),
    },
  ],
})
export class EmailsModule {}
