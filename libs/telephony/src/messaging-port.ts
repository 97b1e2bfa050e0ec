/** Sending texts, independent of Telnyx's SDK. */
export interface SendTextRequest {
  /** One of our numbers (E.164); the carrier refuses numbers not enabled for messaging. */
  from: string;
  to: string;
  text: string;
}

export interface SentText {
  /** The carrier's message id. */
  carrierId: string;
}

export type MessagingErrorKind = 'not_configured' | 'rejected' | 'unavailable';

/**
 * `rejected`: the carrier answered 4xx (bad number, opted out at the carrier, not a messaging
 * number); sending again will not help. `unavailable`: network, timeout, 429 or 5xx; it may.
 */
export class MessagingError extends Error {
  constructor(
    readonly kind: MessagingErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'unavailable';
  }
}

export interface MessagingPort {
  send(r: SendTextRequest): Promise<SentText>;
}
