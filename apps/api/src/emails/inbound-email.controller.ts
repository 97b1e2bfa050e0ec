import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { InboundEmailDto } from './dto';
import { EmailIntake } from './email-intake.service';
import { EmailWebhookGuard } from './email-webhook.guard';
import { InboundEmailAnswerView } from './emails.view';

/**
 * Inbound email from the mail provider (or a relay that normalizes its posts): no API key, an
 * HMAC signature instead. Verify → store once → forward → 200. A failed forward still answers
 * 200: the message is stored and can be forwarded again from the admin API, so the provider has
 * nothing to redeliver.
 */
@Public()
@UseGuards(EmailWebhookGuard)
@Controller('webhooks/email')
export class InboundEmailController {
  constructor(private readonly intake: EmailIntake) {}

  /** Receives one message (normalized JSON, signed with EMAIL_WEBHOOK_SECRET). */
  @Post()
  @HttpCode(200)
  receive(@Body() dto: InboundEmailDto): Promise<InboundEmailAnswerView> {
    return this.intake.receive(dto);
  }
}
