/**
 * Telnyx-shaped API errors: `{errors:[{code,title,detail,source:{pointer}}]}`; a query parameter is
 * named JSON:API style, `source:{parameter}`. Codes and titles follow Telnyx's documented 422 examples where
 * one exists; see README "Errors" for the ones the simulator had to choose itself.
 */
export interface TelnyxErrorItem {
  code: string;
  title: string;
  detail: string;
  source?: { pointer: string } | { parameter: string };
}

export class TelnyxApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: TelnyxErrorItem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => `${e.code} ${e.title}`).join('; '));
  }

  get code(): string {
    return this.errors[0]?.code ?? '';
  }

  toBody(): { errors: TelnyxErrorItem[] } {
    return { errors: this.errors };
  }
}

const QUERY_ERROR_KINDS = {
  type: { code: '10002', title: 'Invalid parameter' },
  enum: { code: '10032', title: 'Invalid enumerated value' },
  range: { code: '10033', title: 'Value outside of range' },
} as const;

const one = (status: number, item: TelnyxErrorItem, headers?: Record<string, string>) =>
  new TelnyxApiError(status, [item], headers);
const src = (pointer: string | undefined) => (pointer === undefined ? {} : { source: { pointer } });

export const TelnyxErrors = {
  authenticationFailed: () =>
    one(401, {
      code: '10009',
      title: 'Authentication failed',
      detail: 'The required authentication headers were either invalid or not included in the request.',
    }),
  routeNotFound: (path: string) =>
    one(404, { code: '10005', title: 'Resource not found', detail: `No route matches ${path}.` }),
  badJson: (detail: string) => one(400, { code: '10028', title: 'Character encoding error', detail }),
  invalidCallControlId: (pointer = '/call_control_id') =>
    one(422, {
      code: '90015',
      title: 'Invalid Call Control ID',
      detail: 'The call_control_id provided was not valid.',
      ...src(pointer),
    }),
  callEnded: () =>
    one(422, {
      code: '90018',
      title: 'Call has already ended',
      detail: "This call is no longer active and can't receive commands.",
    }),
  notAnswered: () =>
    one(422, {
      code: '90034',
      title: 'Call not answered yet',
      detail: "This call can't receive this command because it has not been answered yet.",
    }),
  alreadyInQueue: () =>
    one(422, {
      code: '90038',
      title: 'Call already in queue',
      detail: "Call can't be added to a queue it's already in.",
    }),
  queueFull: (name: string) =>
    one(422, {
      code: '90036',
      title: 'Queue full',
      detail: `The '${name}' queue is full and can't accept more calls.`,
    }),
  invalidConnectionId: () =>
    one(422, {
      code: '10015',
      title: 'Invalid value for connection_id (Call Control App ID)',
      detail: 'The requested connection_id (Call Control App ID) is either invalid or does not exist.',
      source: { pointer: '/connection_id' },
    }),
  invalidTo: (pointer = '/to') =>
    one(422, {
      code: '10016',
      title: 'Phone number must be in +E164 format',
      detail: "The 'to' parameter must be in E164 format or be a sip: URI.",
      source: { pointer },
    }),
  missingParameter: (pointer: string, detail?: string) =>
    one(422, {
      code: '10004',
      title: 'Missing required parameter',
      detail: detail ?? `The '${pointer.replace(/^\//, '')}' parameter is required and cannot be blank.`,
      source: { pointer },
    }),
  invalidEnum: (pointer: string, allowed: readonly unknown[]) =>
    one(422, {
      code: '10032',
      title: 'Invalid enumerated value',
      detail: `The value must be one of: ${allowed.join(', ')}.`,
      source: { pointer },
    }),
  outOfRange: (pointer: string, detail: string) =>
    one(422, { code: '10033', title: 'Value outside of range', detail, source: { pointer } }),
  /** record_pause / record_resume with no recording running (undocumented by Telnyx: the sim's choice of code). */
  noRecording: (pointer?: string) =>
    one(422, {
      code: '10002',
      title: 'Invalid parameter',
      detail: 'There is no recording in progress on this call.',
      ...src(pointer),
    }),
  invalidParameter: (pointer: string | undefined, detail: string) =>
    one(422, { code: '10002', title: 'Invalid parameter', detail, ...src(pointer) }),
  resourceNotFound: (what: string, id: string) =>
    one(404, {
      code: '10005',
      title: 'Resource not found',
      detail: `The requested resource or URL could not be found: no ${what} ${id}.`,
    }),
  notE164: (pointer: string) =>
    one(422, {
      code: '10016',
      title: 'Phone number must be in +E164 format',
      detail: 'The specified phone number parameter must be in +E.164 format.',
      source: { pointer },
    }),
  /** Not in the inventory, or already ordered by someone (this account included). */
  numberNotAvailable: (pointer: string, number: string) =>
    one(422, {
      code: '10002',
      title: 'Invalid phone number',
      detail: `${number} is not available for purchase.`,
      source: { pointer },
    }),
  /** A bad query parameter, named in `source.parameter`. */
  invalidQuery: (parameter: string, detail: string, kind: 'type' | 'enum' | 'range' = 'type') =>
    one(422, {
      ...QUERY_ERROR_KINDS[kind],
      detail,
      source: { parameter },
    }),
  internal: () =>
    one(500, { code: '10007', title: 'Internal server error', detail: 'Unexpected simulator error.' }),
  injected: (status: 429 | 500 | 503) => {
    if (status === 429) {
      return one(
        429,
        { code: '10011', title: 'Too many requests', detail: 'Rate limit exceeded (simulated fault).' },
        { 'retry-after': '1' },
      );
    }
    const title = status === 500 ? 'Internal server error' : 'Service unavailable';
    return one(status, { code: '10007', title, detail: `${title} (simulated fault).` });
  },
};
