import Telnyx from 'telnyx';

/** Where the carrier's API is, and the key to it. */
export interface TelnyxAccount {
  apiKey: string;
  /** Unset: api.telnyx.com; the simulator's `/v2` base URL in development. */
  baseUrl?: string;
}

/** The account a configuration names; null without an API key (the carrier is off). */
export function telnyxAccount(c: { apiKey?: string; baseUrl?: string }): TelnyxAccount | null {
  return c.apiKey ? { apiKey: c.apiKey, baseUrl: c.baseUrl } : null;
}

/**
 * The official SDK's client for the account. Each adapter says how long a request may take and
 * whether the SDK may retry it (most may not: retries belong to their caller, or would repeat a
 * request that is not idempotent).
 */
export function telnyxClient(account: TelnyxAccount, o: { timeoutMs: number; maxRetries: number }): Telnyx {
  return new Telnyx({
    apiKey: account.apiKey,
    baseURL: account.baseUrl,
    maxRetries: o.maxRetries,
    timeout: o.timeoutMs,
  });
}

/** One item of a Telnyx error body (`{"errors": [...]}`). */
export interface TelnyxErrorItem {
  code?: unknown;
  detail?: unknown;
  title?: unknown;
  source?: { pointer?: unknown };
}

/**
 * What a failed SDK call says, for each adapter to map onto its port's errors: the carrier's
 * answer (HTTP status, error items, the first item's code), or no status when the carrier was not
 * reached (network, timeout) or the error is not the SDK's.
 */
export interface TelnyxFailure {
  status: number | undefined;
  items: TelnyxErrorItem[];
  code: string | undefined;
  message: string;
}

/** The SDK's error for a request: `status` is the carrier's HTTP status, undefined when none came back. */
type TelnyxApiError = InstanceType<typeof Telnyx.APIError>;

/** `instanceof Telnyx.APIError` without losing its type: the bare check types `status` and `error` as `any`. */
function isTelnyxApiError(err: unknown): err is TelnyxApiError {
  return err instanceof Telnyx.APIError;
}

export function telnyxFailure(err: unknown): TelnyxFailure {
  const message = err instanceof Error ? err.message : String(err);
  if (!isTelnyxApiError(err) || err.status === undefined)
    return { status: undefined, items: [], code: undefined, message };
  const body: { errors?: unknown } | undefined = err.error;
  const errors = body?.errors;
  const items = Array.isArray(errors) ? (errors as TelnyxErrorItem[]) : [];
  const code = items[0]?.code;
  return {
    status: err.status,
    items,
    code: typeof code === 'string' || typeof code === 'number' ? String(code) : undefined,
    message,
  };
}
