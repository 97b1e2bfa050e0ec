import Telnyx from 'telnyx';
import { isTelnyxApiError, telnyxErrorCode, telnyxErrorItems } from './telnyx-api-error';
import { MessagingError, type MessagingPort, type SendTextRequest, type SentText } from './messaging-port';

export interface TelnyxMessagingOptions {
  apiKey: string;
  /** Unset: api.telnyx.com; the simulator's `/v2` base URL in development. */
  baseUrl?: string;
  timeoutMs?: number;
}

function toMessagingError(err: unknown): MessagingError {
  if (!isTelnyxApiError(err) || err.status === undefined) {
    const why = err instanceof Error ? err.message : String(err);
    return new MessagingError('unavailable', `carrier unreachable: ${why}`);
  }
  const first = telnyxErrorItems(err)[0];
  const detail = typeof first?.detail === 'string' ? first.detail : err.message;
  const code = telnyxErrorCode(first);
  const retryable = err.status === 408 || err.status === 429 || err.status >= 500;
  return new MessagingError(retryable ? 'unavailable' : 'rejected', detail, err.status, code);
}

/** MessagingPort over the official `telnyx` SDK (`POST /v2/messages`). */
export class TelnyxMessaging implements MessagingPort {
  private readonly client: Telnyx;

  constructor(opts: TelnyxMessagingOptions) {
    // No SDK retries: a send has no idempotency key, so a retry after a lost reply texts twice.
    this.client = new Telnyx({
      apiKey: opts.apiKey,
      baseURL: opts.baseUrl,
      maxRetries: 0,
      timeout: opts.timeoutMs ?? 10_000,
    });
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
