import type { DataSource, EntityManager } from 'typeorm';
import {
  scoreCall,
  type CallOutcome,
  type CallScore,
  type LeadStatus,
  type ScoringRules,
} from '@switchboard/domain';

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
function scoreRow(rules: ScoringRules | null, row: ScoringRow): CallScore {
  return scoreCall(rules, {
    outcome: row.outcome,
    talkSeconds: row.talk_secs,
    path: row.path.map((p) => p.step),
    transcript: row.transcript,
    // Calls stored before repeat callers were counted have no count: not known to be first-time.
    firstTime: row.prior_calls === 0,
    source: row.source_name,
  });
}

/** Writes rule-made scores; a call a person scored meanwhile keeps theirs. */
async function writeScores(
  m: EntityManager | DataSource,
  version: number,
  scored: { id: string; s: CallScore }[],
): Promise<void> {
  if (scored.length === 0) return;
  await m.query(
    `UPDATE calls AS c
        SET score = x.score, lead_status = x.lead_status, score_reasons = x.reasons, score_rules_version = $2
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, score smallint, lead_status text, reasons jsonb)
      WHERE c.id = x.id AND c.score_source = 'rules'`,
    [
      JSON.stringify(
        scored.map(({ id, s }) => ({ id, score: s.score, lead_status: s.leadStatus, reasons: s.matched })),
      ),
      version,
    ],
  );
}

/**
 * Scores a call just written, by its property's rules as they are now (inside the record's
 * transaction, so a stored call always has its score).
 */
export async function scoreSavedCall(m: EntityManager, callId: string): Promise<void> {
  const rows: (ScoringRow & { rules: ScoringRules | null; version: number })[] = await m.query(
    `SELECT ${SCORING_COLUMNS}, p.scoring_rules AS rules, p.scoring_rules_version AS version
       FROM calls c JOIN properties p ON p.id = c.property_id
      WHERE c.id = $1 AND c.score_source = 'rules'`,
    [callId],
  );
  const row = rows[0];
  if (row) await writeScores(m, row.version, [{ id: row.id, s: scoreRow(row.rules, row) }]);
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

/** What a manual change sets. `score` undefined keeps the call's current score. */
export interface ManualScore {
  leadStatus: LeadStatus;
  score?: number | null;
  note?: string | null;
}

export interface RescoreBatch {
  scored: number;
  /** The last call id of the batch: where the next batch starts. */
  lastId: string | null;
  /** The rules changed again: a newer rescore owns the property now. */
  superseded: boolean;
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
   * Rescores up to `limit` of a property's rule-scored calls not yet at `version`, in id order
   * after `afterId` (null: from the start, which also catches calls saved behind the cursor).
   */
  async rescoreBatch(
    propertyId: string,
    version: number,
    afterId: string | null,
    limit = 500,
  ): Promise<RescoreBatch> {
    return this.ds.transaction(async (m) => {
      const [p]: { rules: ScoringRules | null; version: number }[] = await m.query(
        `SELECT scoring_rules AS rules, scoring_rules_version AS version FROM properties WHERE id = $1`,
        [propertyId],
      );
      if (!p || p.version !== version) return { scored: 0, lastId: null, superseded: true };
      const rows: ScoringRow[] = await m.query(
        `SELECT ${SCORING_COLUMNS} FROM calls c
          WHERE c.property_id = $1 AND c.score_source = 'rules'
            AND c.score_rules_version IS DISTINCT FROM $2
            AND ($3::uuid IS NULL OR c.id > $3::uuid)
          ORDER BY c.id LIMIT $4`,
        [propertyId, version, afterId, limit],
      );
      await writeScores(
        m,
        version,
        rows.map((r) => ({ id: r.id, s: scoreRow(p.rules, r) })),
      );
      return { scored: rows.length, lastId: rows.at(-1)?.id ?? null, superseded: false };
    });
  }

  /** A person sets a call's lead status (and score): kept through rule changes, and audited. */
  async override(callId: string, change: ManualScore, actor: string): Promise<CallScoreState> {
    return this.ds.transaction(async (m) => {
      const before = await this.lockScore(m, callId);
      const score = change.score === undefined ? before.score : change.score;
      await m.query(
        `UPDATE calls SET score = $2, lead_status = $3, score_source = 'manual', score_reasons = '[]'
          WHERE id = $1`,
        [callId, score, change.leadStatus],
      );
      await this.audit(
        m,
        callId,
        actor,
        'override',
        before,
        { score, leadStatus: change.leadStatus },
        change.note,
      );
      return { score, leadStatus: change.leadStatus, scoreSource: 'manual', scoreReasons: [] };
    });
  }

  /** Drops a person's score: the call is scored by the property's rules again, now. */
  async backToRules(callId: string, actor: string, note?: string | null): Promise<CallScoreState> {
    return this.ds.transaction(async (m) => {
      const before = await this.lockScore(m, callId);
      await m.query(`UPDATE calls SET score_source = 'rules', score_rules_version = NULL WHERE id = $1`, [
        callId,
      ]);
      await scoreSavedCall(m, callId);
      const after = await this.lockScore(m, callId);
      await this.audit(m, callId, actor, 'back_to_rules', before, after, note);
      return after;
    });
  }

  /** Attaches a transcript; a rule-scored call is rescored at once (keyword rules read it). */
  async setTranscript(callId: string, transcript: string | null): Promise<CallScoreState> {
    return this.ds.transaction(async (m) => {
      await this.lockScore(m, callId);
      await m.query(`UPDATE calls SET transcript = $2 WHERE id = $1`, [callId, transcript]);
      await scoreSavedCall(m, callId);
      return this.lockScore(m, callId);
    });
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

  private async lockScore(m: EntityManager, callId: string): Promise<CallScoreState> {
    const [row]: CallScoreState[] = await m.query(
      `SELECT score, lead_status AS "leadStatus", score_source AS "scoreSource", score_reasons AS "scoreReasons"
         FROM calls WHERE id = $1 FOR UPDATE`,
      [callId],
    );
    if (!row) throw new Error(`call ${callId} does not exist`);
    return row;
  }

  private async audit(
    m: EntityManager,
    callId: string,
    actor: string,
    action: ScoreChange['action'],
    before: CallScoreState,
    after: { score: number | null; leadStatus: LeadStatus },
    note: string | null | undefined,
  ): Promise<void> {
    await m.query(
      `INSERT INTO call_score_changes
         (call_id, actor, action, from_score, from_lead_status, from_source, to_score, to_lead_status, note)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [
        callId,
        actor,
        action,
        before.score,
        before.leadStatus,
        before.scoreSource,
        after.score,
        after.leadStatus,
        note ?? null,
      ],
    );
  }
}
