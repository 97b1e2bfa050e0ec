import { createHmac } from 'node:crypto';
import { WEBHOOK_HEADERS } from '@switchboard/contracts';

/** `v1=` + hex HMAC-SHA256 of `<timestamp>.<body>`: the signature scheme of docs/webhooks.md. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The headers of a signed event (webhook subscriptions, voicemail and text notifications alike):
 * what it is, its delivery id (stable across retries), when it was signed and the signature.
 */
export function signedEventHeaders(
  secret: string,
  event: { type: string; deliveryId: string; body: string },
  nowMs = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'Switchboard-Webhooks/1',
    [WEBHOOK_HEADERS.event]: event.type,
    [WEBHOOK_HEADERS.delivery]: event.deliveryId,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: webhookSignature(secret, timestamp, event.body),
  };
}
