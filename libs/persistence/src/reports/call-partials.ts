/**
 * The rules of the call figures, in one place (docs/reports.md says the same in words), as SQL
 * over `calls c`. Reports aggregate them straight from the calls, and the daily rollup
 * (call-rollup.ts) stores them per cell with the same SQL, so both answer alike. Every call of a
 * property is exactly one of: answered, voicemail, missed, abandoned, rejected.
 *
 * - unanswered: nobody answered and no voicemail was left (outcome `no_answer`, or `abandoned` when
 *   the caller hung up first). Split by how long the caller stayed:
 *   - abandoned: unanswered and shorter than ABANDON_SECS (gave up, or a misdial);
 *   - missed: unanswered and ABANDON_SECS or longer (a caller the property failed to pick up).
 * - firstTime: the caller had no earlier call (prior_calls = 0; null, for calls recorded before
 *   callers were counted, is neither first-time nor repeat).
 * - ring time: answered calls only, from the call's start to the agent's answer (includes the
 *   greeting and menus: the caller's wait); talk time: answered calls only, connected time.
 *
 * Changing a rule changes what the rollup holds: ship it with a migration that calls
 * `rebuildCallRollup`, or the rollup and the calls disagree.
 */
export const ABANDON_SECS = 15;

/**
 * Which calls reports count: the inbound calls tracking exists for. Agents' outbound calls
 * (click-to-call) are on the call log, not in the figures (they would read as callers).
 */
export const REPORTED_CALL = `c.direction = 'inbound'`;

/**
 * Who answered, as reports filter and group by it: the agent's id when the answering endpoint is an
 * agent's (phone or browser), else the number or URI that answered.
 */
export const ANSWERED_BY = `COALESCE(c.agent_id, c.answered_by)`;

const UNANSWERED = `c.outcome IN ('abandoned', 'no_answer')`;
const ANSWERED = `c.outcome = 'answered'`;
const RANG = `${ANSWERED} AND c.answered_at IS NOT NULL`;

export interface CallPartial {
  /** Name in report queries. */
  name: string;
  /** Column of `call_rollup` holding it. */
  column: string;
  /** The aggregate over `calls c`. */
  sql: string;
}

/**
 * Per-group partial figures. All of them add up across groups and across rollup cells (averages
 * are kept as sum and count), so a totals row is a sum over groups and a report over the rollup is
 * a sum over its cells. Sums are integers (ring time in microseconds), so adding them in any order
 * gives the same figure: a float sum would differ in its last bits between the two paths.
 */
export const CALL_PARTIALS: readonly CallPartial[] = [
  { name: 'calls', column: 'calls', sql: `count(*)` },
  { name: 'answered', column: 'answered', sql: `count(*) FILTER (WHERE ${ANSWERED})` },
  {
    name: 'missed',
    column: 'missed',
    sql: `count(*) FILTER (WHERE ${UNANSWERED} AND c.duration_secs >= ${ABANDON_SECS})`,
  },
  {
    name: 'abandoned',
    column: 'abandoned',
    sql: `count(*) FILTER (WHERE ${UNANSWERED} AND c.duration_secs < ${ABANDON_SECS})`,
  },
  { name: 'voicemails', column: 'voicemails', sql: `count(*) FILTER (WHERE c.outcome = 'voicemail')` },
  { name: 'firstTime', column: 'first_time_calls', sql: `count(*) FILTER (WHERE c.prior_calls = 0)` },
  // date_part (float8), not extract (numeric): a tenth of the cost per row over a million rows;
  // rounded to whole microseconds (exact: the instants have microsecond precision).
  {
    name: 'ringMicros',
    column: 'ring_micros',
    sql: `sum(round(date_part('epoch', c.answered_at - c.started_at) * 1000000::float8)::bigint) FILTER (WHERE ${RANG})`,
  },
  { name: 'ringN', column: 'ring_n', sql: `count(*) FILTER (WHERE ${RANG})` },
  { name: 'talkSum', column: 'talk_secs', sql: `sum(c.talk_secs) FILTER (WHERE ${ANSWERED})` },
];
