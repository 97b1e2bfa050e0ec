/**
 * The aggregate definitions, in one place (README "Reports" says the same in words). Every call of
 * a property is exactly one of: answered, voicemail, missed, abandoned, rejected.
 *
 * - unanswered: nobody answered and no voicemail was left (outcome `no_answer`, or `abandoned` when
 *   the caller hung up first). Split by how long the caller stayed:
 *   - abandoned: unanswered and shorter than ABANDON_SECS (gave up, or a misdial);
 *   - missed: unanswered and ABANDON_SECS or longer (a caller the property failed to pick up).
 * - firstTime: the caller had no earlier call (prior_calls = 0; null, for calls recorded before
 *   callers were counted, is neither first-time nor repeat).
 * - avgRingSecs: answered calls only, from the call's start to the agent's answer (includes the
 *   greeting and menus: the caller's wait); avgTalkSecs: answered calls only, connected time.
 */
export const ABANDON_SECS = 15;

const UNANSWERED = `c.outcome IN ('abandoned', 'no_answer')`;
const ANSWERED = `c.outcome = 'answered'`;
const RANG = `${ANSWERED} AND c.answered_at IS NOT NULL`;

/**
 * Per-group partial figures over `calls c`. All of them add up across groups (averages are kept
 * as sum and count), so the totals row is a sum over the groups rather than a second pass over the
 * calls, and PostgreSQL can aggregate in parallel workers.
 */
export const CALL_PARTIALS: readonly { name: string; sql: string }[] = [
  { name: 'calls', sql: `count(*)` },
  { name: 'answered', sql: `count(*) FILTER (WHERE ${ANSWERED})` },
  { name: 'missed', sql: `count(*) FILTER (WHERE ${UNANSWERED} AND c.duration_secs >= ${ABANDON_SECS})` },
  { name: 'abandoned', sql: `count(*) FILTER (WHERE ${UNANSWERED} AND c.duration_secs < ${ABANDON_SECS})` },
  { name: 'voicemails', sql: `count(*) FILTER (WHERE c.outcome = 'voicemail')` },
  { name: 'firstTime', sql: `count(*) FILTER (WHERE c.prior_calls = 0)` },
  // date_part (float8), not extract (numeric): a tenth of the cost per row over a million rows.
  { name: 'ringSum', sql: `sum(date_part('epoch', c.answered_at - c.started_at)) FILTER (WHERE ${RANG})` },
  { name: 'ringN', sql: `count(*) FILTER (WHERE ${RANG})` },
  { name: 'talkSum', sql: `sum(c.talk_secs) FILTER (WHERE ${ANSWERED})` },
];

/** The reported figures from the partials of `c_agg` (counts zero, not null, for text-only groups). */
export const CALL_METRICS: readonly { name: string; sql: string }[] = [
  ...['calls', 'answered', 'missed', 'abandoned', 'voicemails', 'firstTime'].map((name) => ({
    name,
    sql: `COALESCE(c_agg."${name}", 0)::int`,
  })),
  {
    name: 'avgRingSecs',
    sql: `round((c_agg."ringSum" / NULLIF(c_agg."ringN", 0))::numeric, 1)::float8`,
  },
  {
    name: 'avgTalkSecs',
    sql: `round(c_agg."talkSum"::numeric / NULLIF(c_agg."answered", 0), 1)::float8`,
  },
];
