/** Fields a handler adds to its request's log line (a webhook's call ids), kept on the request. */
const FIELDS = Symbol('switchboard:log-fields');

type WithFields = { [FIELDS]?: Record<string, unknown> };

export function addRequestLogFields(req: object, fields: Record<string, unknown>): void {
  const r = req as WithFields;
  r[FIELDS] = { ...r[FIELDS], ...fields };
}

export function requestLogFields(req: object): Record<string, unknown> {
  return (req as WithFields)[FIELDS] ?? {};
}
