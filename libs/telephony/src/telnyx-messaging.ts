import type Telnyx from 'telnyx';
import { MessagingError, type MessagingPort, type SendTextRequest, type SentText } from './messaging-port';
import { telnyxClient, telnyxFailure, type TelnyxAccount } from './telnyx-client';

export interface TelnyxMessagingOptions extends TelnyxAccount {
  timeoutMs?: number;
}

function toMessagingError(err: unknown): MessagingError {
  const f = telnyxFailure(err);
  if (f.status === undefined) return new MessagingError('unavailable', `carrier unreachable: ${f.message}`);
  const detail = f.items[0]?.detail;
  const retryable = f.status === 408 || f.status === 429 || f.status >= 500;
  return new MessagingError(
    retryable ? 'unavailable' : 'rejected',
    typeof detail === 'string' ? detail : f.message,
    f.status,
    f.code,
  );
}

/** MessagingPort over the official `telnyx` SDK (`POST /v2/messages`). */
export class TelnyxMessaging implements MessagingPort {
  private readonly client: Telnyx;

  constructor(opts: TelnyxMessagingOptions) {
    // No SDK retries: a send has no idempotency key, so a retry after a lost reply texts twice.
    this.client = telnyxClient(opts, { maxRetries: 0, timeoutMs: opts.timeoutMs ?? 10_000 });
  }

  async send(r: SendTextRequest): Promise<SentText> {
    let res;
    try {
      res = await this.client.messages.send({ from: r.from, to: r.to, text: r.text });
    } catch (err) {
      throw toMessagingError(err);
    }
    const id = res.data?.id;
    if (!id) throw new MessagingError('unavailable', 'send-message response had no id');
    return { carrierId: id };
  }
}
