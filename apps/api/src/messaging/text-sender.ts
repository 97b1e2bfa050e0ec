import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MessagingError, type MessagingPort } from '@switchboard/telephony';
import { ApiError } from '../common/api-error';
import { MESSAGING } from './messaging.provider';
import { TextStore, type ConversationView, type MessageKind, type MessageView } from './text-store';

/**
 * Sends a text into a conversation (from its tracking number to the external number) and stores
 * it. A carrier refusal is stored as a failed message, since retrying will not help; a carrier
 * outage stores nothing and throws, so the caller (an API client, or the carrier redelivering the
 * inbound webhook) tries again.
 */
@Injectable()
export class TextSender {
  constructor(@Inject(MESSAGING) private readonly messaging: MessagingPort) {}

  async send(m: EntityManager, c: ConversationView, kind: MessageKind, text: string): Promise<MessageView> {
    const store = new TextStore(m);
    try {
      const sent = await this.messaging.send({ from: c.trackingNumber, to: c.externalNumber, text });
      return await store.storeOutbound(c.id, { kind, body: text, carrierId: sent.carrierId, error: null });
    } catch (err) {
      // An outage is retried by whoever called; an API reply without a carrier account is a 503.
      if (!(err instanceof MessagingError) || err.kind === 'unavailable') throw err;
      if (err.kind === 'not_configured' && kind === 'reply') throw err;
      return store.storeOutbound(c.id, { kind, body: text, carrierId: null, error: err.message });
    }
  }
}

/** A carrier failure as an API answer: nothing was sent. */
export function messagingFailure(err: unknown): unknown {
  if (!(err instanceof MessagingError)) return err;
  if (err.kind === 'not_configured')
    return new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'carrier_not_configured',
      `no carrier account is configured (set TELNYX_API_KEY): ${err.message}`,
    );
  return new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'carrier_unavailable',
    `the carrier could not be reached; nothing was sent, try again: ${err.message}`,
  );
}
