import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  TextMessageRepository,
  type MessageKind,
  type TextConversation,
  type TextMessage,
  type Tx,
} from '@switchboard/persistence';
import { MessagingError, type MessagingPort } from '@switchboard/telephony';
import { ApiError } from '../common/api-error';
import { MESSAGING } from './messaging.provider';

/**
 * Sends a text into a conversation (from its tracking number to the external number) and stores
 * it. A carrier refusal is stored as a failed message, since retrying will not help; a carrier
 * outage stores nothing and throws, so the caller (an API client, or the carrier redelivering the
 * inbound webhook) tries again.
 */
@Injectable()
export class TextSender {
  constructor(
    @Inject(MESSAGING) private readonly messaging: MessagingPort,
    private readonly texts: TextMessageRepository,
  ) {}

  async send(c: TextConversation, kind: MessageKind, text: string, tx: Tx): Promise<TextMessage> {
    try {
      const sent = await this.messaging.send({ from: c.trackingNumber, to: c.externalNumber, text });
      return await this.texts.storeOutbound(
        c.id,
        { kind, body: text, carrierId: sent.carrierId, error: null },
        tx,
      );
    } catch (err) {
      // An outage is retried by whoever called; an API reply without a carrier account is a 503.
      if (!(err instanceof MessagingError) || err.kind === 'unavailable') throw err;
      if (err.kind === 'not_configured' && kind === 'reply') throw err;
      return this.texts.storeOutbound(c.id, { kind, body: text, carrierId: null, error: err.message }, tx);
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
