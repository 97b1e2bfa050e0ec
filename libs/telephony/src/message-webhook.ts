import { WebhookPayloadError } from './webhook-parser';

/** A Telnyx `message.received` webhook, flattened: one text from a handset to one of our numbers. */
export interface InboundMessageEvent {
  eventId: string;
  /** The carrier's message id. */
  messageId: string | null;
  from: string;
  /** Our number it was sent to (the first `to`; group texts are not tracked). */
  to: string;
  text: string;
  occurredAt: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Messaging events go to the messaging service, never to a call workflow. */
export const isMessageEventType = (type: string): boolean => type.startsWith('message.');

/**
 * Reads `data.payload` of a `message.received` event (spec: InboundMessagePayload). Telnyx sends
 * `from` as an object and `to` as a list of objects; only what SMS tracking needs is required.
 */
export function parseInboundMessage(body: unknown): InboundMessageEvent {
  const data = isObject(body) && isObject(body.data) ? body.data : {};
  const p = isObject(data.payload) ? data.payload : {};
  const from = isObject(p.from) ? p.from.phone_number : undefined;
  const firstTo = Array.isArray(p.to) ? (p.to as unknown[])[0] : undefined;
  const to = isObject(firstTo) ? firstTo.phone_number : undefined;
  if (typeof from !== 'string' || from === '')
    throw new WebhookPayloadError('data.payload.from.phone_number', 'the sender is missing');
  if (typeof to !== 'string' || to === '')
    throw new WebhookPayloadError('data.payload.to[0].phone_number', 'the recipient is missing');
  const occurredAt =
    typeof data.occurred_at === 'string'
      ? data.occurred_at
      : typeof p.received_at === 'string'
        ? p.received_at
        : new Date().toISOString();
  return {
    eventId: typeof data.id === 'string' ? data.id : '',
    messageId: typeof p.id === 'string' ? p.id : null,
    from,
    to,
    // MMS without text still counts as a message; its media is not kept (yet).
    text: typeof p.text === 'string' ? p.text : '',
    occurredAt,
  };
}
