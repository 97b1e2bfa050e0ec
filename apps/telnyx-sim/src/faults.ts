import { ScriptError } from './scripts';

/** Injected misbehaviour for resilience tests. */
export interface Faults {
  /** The next `apiErrorCount` (default 1) API requests answer this status, without side effects. */
  apiErrorStatus?: 500 | 429 | 503;
  apiErrorCount?: number;
  /** Every webhook is delivered twice (same body, same data.id). */
  duplicateWebhooks?: boolean;
  /** Webhooks of a call are delivered in shuffled order within small batches. */
  shuffleWebhooks?: boolean;
  /**
   * The links in `call.recording.saved` answer 403 "Request has expired", as Telnyx's do 10 minutes
   * after the event; links from `GET /v2/recordings/{id}` keep working.
   */
  expiredRecordingLinks?: boolean;
}

const API_ERROR_STATUSES = [429, 500, 503] as const;

export function parseFaults(input: unknown): Faults {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ScriptError('body', 'must be a JSON object');
  }
  const raw = input as Record<string, unknown>;
  const faults: Faults = {};
  if (raw.apiErrorStatus !== undefined && raw.apiErrorStatus !== null) {
    const s = raw.apiErrorStatus;
    if (!API_ERROR_STATUSES.includes(s as 429))
      throw new ScriptError('apiErrorStatus', 'must be 429, 500 or 503');
    faults.apiErrorStatus = s as 429 | 500 | 503;
  }
  if (raw.apiErrorCount !== undefined) {
    const n = raw.apiErrorCount;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new ScriptError('apiErrorCount', 'must be a non-negative integer');
    }
    faults.apiErrorCount = n;
  }
  for (const key of ['duplicateWebhooks', 'shuffleWebhooks', 'expiredRecordingLinks'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new ScriptError(key, 'must be a boolean');
    faults[key] = value;
  }
  return faults;
}

/** Current faults; `setFaults` replaces them all (pass `{}` to clear). */
export class FaultState {
  private current: Faults = {};
  private apiErrorsLeft = 0;

  set(f: Faults): void {
    this.current = { ...f };
    this.apiErrorsLeft = f.apiErrorStatus ? (f.apiErrorCount ?? 1) : 0;
  }

  get(): Faults & { apiErrorsLeft: number } {
    return { ...this.current, apiErrorsLeft: this.apiErrorsLeft };
  }

  /** Consumes one injected API error, if any is left. */
  takeApiError(): 429 | 500 | 503 | undefined {
    if (this.apiErrorsLeft <= 0 || !this.current.apiErrorStatus) return undefined;
    this.apiErrorsLeft--;
    return this.current.apiErrorStatus;
  }
}
