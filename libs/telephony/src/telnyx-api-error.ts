import Telnyx from 'telnyx';

/** The SDK's error for a request: `status` is the carrier's HTTP status, undefined when none came back. */
export type TelnyxApiError = InstanceType<typeof Telnyx.APIError>;

/** `instanceof Telnyx.APIError` without losing its type: the bare check types `status` and `error` as `any`. */
export function isTelnyxApiError(err: unknown): err is TelnyxApiError {
  return err instanceof Telnyx.APIError;
}

/** One entry of a Telnyx error body's `errors`, as the carrier sent it (nothing checked). */
export interface TelnyxErrorItem {
  code?: unknown;
  detail?: unknown;
  title?: unknown;
  source?: { pointer?: unknown };
}

/** The `errors` list of the error's JSON body; empty when there is none. */
export function telnyxErrorItems(err: TelnyxApiError): TelnyxErrorItem[] {
  const body: { errors?: unknown } | undefined = err.error;
  return Array.isArray(body?.errors) ? (body.errors as TelnyxErrorItem[]) : [];
}

/** An entry's error code as text (Telnyx sends strings, some endpoints numbers); undefined when absent. */
export function telnyxErrorCode(item: TelnyxErrorItem | undefined): string | undefined {
  const code = item?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}
