import {
  Controller,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  Logger,
  Post,
  Req,
  type RawBodyRequest,
} from '@nestjs/common';
import type { Request } from 'express';
import type { KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { routeCarrierEvent } from '@switchboard/contracts';
import type { SwitchboardConfig } from '@switchboard/config';
import { CarrierEventRepository } from '@switchboard/persistence';
import {
  WebhookPayloadError,
  parseTelnyxWebhook,
  publicKeyFromBase64,
  verifyTelnyxSignature,
} from '@switchboard/telephony';
import { ApiError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import { CallEventDelivery } from './call-event-delivery.service';
import { Public } from '../auth/auth.decorators';

/**
 * Telnyx Call Control webhooks. Verify → store once → signal the call's workflow → 200. Anything
 * that fails after verification answers 5xx so Telnyx delivers again; the store makes that safe.
 */
@Public()
@Controller('webhooks/telnyx')
export class TelnyxWebhookController {
  private readonly log = new Logger('TelnyxWebhook');
  private readonly key: KeyObject | null;
  private readonly events: CarrierEventRepository;

  constructor(
    @Inject(CONFIG) cfg: SwitchboardConfig,
    ds: DataSource,
    private readonly delivery: CallEventDelivery,
  ) {
    this.key = cfg.telnyx.publicKey ? publicKeyFromBase64(cfg.telnyx.publicKey) : null;
    this.events = new CarrierEventRepository(ds);
  }

  @Post()
  @HttpCode(200)
  async receive(
    @Req() req: RawBodyRequest<Request>,
    @Headers('telnyx-signature-ed25519') signature?: string,
    @Headers('telnyx-timestamp') timestamp?: string,
  ): Promise<{ status: string }> {
    if (!this.key) {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'unavailable',
        'TELNYX_PUBLIC_KEY is not configured',
      );
    }
    const raw = req.rawBody;
    if (!raw || raw.length === 0) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'bad_request', 'body must be a JSON webhook', [
        { field: 'body', message: 'missing' },
      ]);
    }
    const check = verifyTelnyxSignature(raw, signature, timestamp, this.key);
    if (!check.ok) throw new ApiError(HttpStatus.UNAUTHORIZED, 'unauthorized', check.reason);

    let event;
    try {
      event = parseTelnyxWebhook(req.body);
    } catch (err) {
      if (err instanceof WebhookPayloadError) {
        throw new ApiError(HttpStatus.BAD_REQUEST, 'bad_request', err.message, [
          { field: err.field, message: err.message },
        ]);
      }
      throw err;
    }

    const route = routeCarrierEvent(event);
    const stored = await this.events.store({
      id: event.eventId,
      eventType: event.type,
      callControlId: event.callControlId || null,
      callSessionId: event.callSessionId ?? null,
      workflowId: route?.workflowId ?? null,
      occurredAt: event.occurredAt,
      payload: req.body,
    });
    if (stored.delivered) return { status: 'duplicate' };
    const result = route?.signal ? await this.delivery.deliver(route, event) : 'stored';
    await this.events.markDelivered(event.eventId);
    if (result === 'late') this.log.debug(`late ${event.type} for ${route?.workflowId}`);
    return { status: result };
  }
}
