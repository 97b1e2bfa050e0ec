/* What the health checks answer with (response classes, types only, read by the OpenAPI plugin). */

/** The process answers. */
export class LivenessView {
  status: 'ok';
}

/** Each dependency's check. */
export class ReadinessChecksView {
  postgres: 'ok';
  temporal: 'ok';
}

/** PostgreSQL and Temporal both answer (otherwise 503, naming the failed check). */
export class ReadinessView {
  status: 'ok';
  checks: ReadinessChecksView;
}
