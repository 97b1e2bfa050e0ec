import type { DataSource } from 'typeorm';
import type { CallOutcome, CallScore, LeadStatus, ScoredCall, ScoringRules } from '@switchboard/domain';
import { managerOf, type Tx } from '../transaction';

/** What scoring reads of a stored call (see scoredCallOf). */
interface ScoringRow {
  id: string;
  outcome: CallOutcome;
  talk_secs: number;
  path: { step: string }[];
  transcript: string | null;
  prior_calls: number | null;
  source_name: string | null;
}

/** Columns of calls that scoring reads, for the queries below. */
const SCORING_COLUMNS = `c.id, c.outcome, c.talk_secs, c.path, c.transcript, c.prior_calls, c.source_name`;

/** The one mapping from a stored call to libs/domain's ScoredCall. */
function scoredCallOf(row: ScoringRow): ScoredCall {
  return {
    outcome: row.outcome,
    talkSeconds: row.talk_secs,
    path: row.path.map((p) => p.step),
    transcript: row.transcript,
    // Calls stored before repeat callers were counted have no count: not known to be first-time.
    firstTime: row.prior_calls === 0,
    source: row.source_name,
  };
}

export interface PropertyScoring {
  rules: ScoringRules | null;
  version: number;
  /** Rule-scored calls not yet scored by this version (a rescore is under way while above 0). */
  staleCalls: number;
}

export interface ScoreChange {
  id: string;
  changedAt: Date;
  actor: string;
  action: 'override' | 'back_to_rules';
  from: { score: number | null; leadStatus: LeadStatus; source: 'rules' | 'manual' };
  to: { score: number | null; leadStatus: LeadStatus };
  note: string | null;
}

export interface CallScoreState {
  score: number | null;
  leadStatus: LeadStatus;
  scoreSource: 'rules' | 'manual';
  scoreReasons: string[];
}

/** A rule-scored call as scoring reads it, with the rules of its property as they are now. */
export interface RuleScoredCall {
  id: string;
  call: ScoredCall;
  rules: ScoringRules | null;
  version: number;
}

/** Rule-scored calls of a property not yet scored by the rules' current version. */
export interface UnscoredCalls {
  rules: ScoringRules | null;
  calls: { id: string; call: ScoredCall }[];
}

/** The columns a manual change or a return to the rules leaves in the audit trail. */
export interface ScoreChangeRecord {
  callId: string;
  actor: string;
  action: ScoreChange['action'];
  before: CallScoreState;
  after: { score: number | null; leadStatus: LeadStatus };
  note: string | null | undefined;
}

/** Properties' scoring rules, calls' scores, and the audit trail of people's changes to them. */
export class CallScoringRepository {
  constructor(private readonly ds: DataSource) {}

  async rules(propertyId: string): Promise<PropertyScoring> {
    const [row]: { rules: ScoringRules | null; version: number; stale: number }[] = await this.ds.query(
      `SELECT p.scoring_rules AS rules, p.scoring_rules_version AS version,
              (SELECT count(*)::int FROM calls c
                WHERE c.property_id = p.id AND c.score_source = 'rules'
                  AND c.score_rules_version IS DISTINCT FROM p.scoring_rules_version
                  AND (p.scoring_rules IS NOT NULL OR c.score_rules_version IS NOT NULL)) AS stale
         FROM properties p WHERE p.id = $1`,
      [propertyId],
    );
    return { rules: row?.rules ?? null, version: row?.version ?? 0, staleCalls: row?.stale ?? 0 };
  }

  /** Replaces the rules (null removes them) and returns their new version. */
  async saveRules(propertyId: string, rules: ScoringRules | null): Promise<number> {
    const [row]: { version: number }[] = await this.ds.query(
      // In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], not rows.
      `WITH u AS (
         UPDATE properties SET scoring_rules = $2::jsonb, scoring_rules_version = scoring_rules_version + 1
          WHERE id = $1 RETURNING scoring_rules_version AS version)
       SELECT version FROM u`,
      [propertyId, rules === null ? null : JSON.stringify(rules)],
    );
    return row.version;
  }

  /**
   * The call with its property's rules as they are now, if the rules score it (not a person, and
   * it belongs to a property).
   */
  async ruleScoredCall(callId: string, tx?: Tx): Promise<RuleScoredCall | null> {
    const m = managerOf(this.ds, tx);
    const rows: (ScoringRow & { rules: ScoringRules | null; version: number })[] = await m.query(
      `SELECT ${SCORING_COLUMNS}, p.scoring_rules AS rules, p.scoring_rules_version AS version
         FROM calls c JOIN properties p ON p.id = c.property_id
        WHERE c.id = $1 AND c.score_source = 'rules'`,
      [callId],
    );
    const row = rows[0];
    return row ? { id: row.id, call: scoredCallOf(row), rules: row.rules, version: row.version } : null;
  }

  /**
   * Up to `limit` of a property's rule-scored calls not yet at `version`, in id order after
   * `afterId` (null: from the start, which also catches calls saved behind the cursor), with the
   * rules; null when the rules are no longer at `version` (a newer rescore owns the property).
   */
  async unscoredCalls(
    propertyId: string,
    version: number,
    afterId: string | null,
    limit: number,
    tx?: Tx,
  ): Promise<UnscoredCalls | null> {
    const m = managerOf(this.ds, tx);
    const [p]: { rules: ScoringRules | null; version: number }[] = await m.query(
      `SELECT scoring_rules AS rules, scoring_rules_version AS version FROM properties WHERE id = $1`,
      [propertyId],
    );
    if (!p || p.version !== version) return null;
    const rows: ScoringRow[] = await m.query(
      `SELECT ${SCORING_COLUMNS} FROM calls c
        WHERE c.property_id = $1 AND c.score_source = 'rules'
          AND c.score_rules_version IS DISTINCT FROM $2
          AND ($3::uuid IS NULL OR c.id > $3::uuid)
        ORDER BY c.id LIMIT $4`,
      [propertyId, version, afterId, limit],
    );
    return { rules: p.rules, calls: rows.map((r) => ({ id: r.id, call: scoredCallOf(r) })) };
  }

  /** Writes rule-made scores; a call a person scored meanwhile keeps theirs. */
  async writeScores(version: number, scored: { id: string; score: CallScore }[], tx?: Tx): Promise<void> {
    if (scored.length === 0) return;
    await managerOf(this.ds, tx).query(
      `UPDATE calls AS c
          SET score = x.score, lead_status = x.lead_status, score_reasons = x.reasons, score_rules_version = $2
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, score smallint, lead_status text, reasons jsonb)
        WHERE c.id = x.id AND c.score_source = 'rules'`,
      [
        JSON.stringify(
          scored.map(({ id, score: s }) => ({
            id,
            score: s.score,
            lead_status: s.leadStatus,
            reasons: s.matched,
          })),
        ),
        version,
      ],
    );
  }

  /** The call's score, locked until the transaction ends; null when there is no such call. */
  async lockScore(callId: string, tx: Tx): Promise<CallScoreState | null> {
    const [row]: CallScoreState[] = await managerOf(this.ds, tx).query(
      `SELECT score, lead_status AS "leadStatus", score_source AS "scoreSource", score_reasons AS "scoreReasons"
         FROM calls WHERE id = $1 FOR UPDATE`,
      [callId],
    );
    return row ?? null;
  }

  /** A person's score: rule changes leave the call alone from now on. */
  async setManualScore(callId: string, score: number | null, leadStatus: LeadStatus, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE calls SET score = $2, lead_status = $3, score_source = 'manual', score_reasons = '[]'
        WHERE id = $1`,
      [callId, score, leadStatus],
    );
  }

  /** Gives the call back to the rules, as not yet scored by any version of them. */
  async returnToRules(callId: string, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE calls SET score_source = 'rules', score_rules_version = NULL WHERE id = $1`,
      [callId],
    );
  }

  async setTranscript(callId: string, transcript: string | null, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(`UPDATE calls SET transcript = $2 WHERE id = $1`, [
      callId,
      transcript,
    ]);
  }

  async changes(callId: string): Promise<ScoreChange[]> {
    const rows: {
      id: string;
      changed_at: Date;
      actor: string;
      action: ScoreChange['action'];
      from_score: number | null;
      from_lead_status: LeadStatus;
      from_source: 'rules' | 'manual';
      to_score: number | null;
      to_lead_status: LeadStatus;
      note: string | null;
    }[] = await this.ds.query(`SELECT * FROM call_score_changes WHERE call_id = $1 ORDER BY changed_at, id`, [
      callId,
    ]);
    return rows.map((r) => ({
      id: r.id,
      changedAt: r.changed_at,
      actor: r.actor,
      action: r.action,
      from: { score: r.from_score, leadStatus: r.from_lead_status, source: r.from_source },
      to: { score: r.to_score, leadStatus: r.to_lead_status },
      note: r.note,
    }));
  }

  /** Adds a person's change to the call's audit trail. */
  async recordChange(c: ScoreChangeRecord, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `INSERT INTO call_score_changes
         (call_id, actor, action, from_score, from_lead_status, from_source, to_score, to_lead_status, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [
        c.callId,
        c.actor,
        c.action,
        c.before.score,
        c.before.leadStatus,
        c.before.scoreSource,
        c.after.score,
        c.after.leadStatus,
        c.note ?? null,
      ],
    );
  }
}
