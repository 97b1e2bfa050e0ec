/*
 * The reported figures, from the partials of `c_agg`. The rules behind the partials (what counts
 * as missed, abandoned, first-time, ring time) live in call-partials.ts, where the daily rollup
 * stores them with the same SQL.
 */

/** Reported figures (counts zero, not null, for text-only groups; averages null without calls). */
export const CALL_METRICS: readonly { name: string; sql: string }[] = [
  ...['calls', 'answered', 'missed', 'abandoned', 'voicemails', 'firstTime'].map((name) => ({
    name,
    sql: `COALESCE(c_agg."${name}", 0)::int`,
  })),
  {
    name: 'avgRingSecs',
    sql: `round(c_agg."ringMicros" / 1000000.0 / NULLIF(c_agg."ringN", 0), 1)::float8`,
  },
  {
    name: 'avgTalkSecs',
    sql: `round(c_agg."talkSum"::numeric / NULLIF(c_agg."answered", 0), 1)::float8`,
  },
];
