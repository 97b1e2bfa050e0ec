import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { RetentionCategory } from '@switchboard/domain';
import { isUniqueViolation } from '../db-errors';

export type RetentionRunStatus = 'running' | 'succeeded' | 'failed';
export type RetentionTrigger = 'api' | 'schedule';

/** One run of the retention workflow (see the retention migration). */
export interface RetentionRun {
  id: string;
  /** null: a scheduled run over every account. */
  accountId: string | null;
  workflowId: string;
  dryRun: boolean;
  trigger: RetentionTrigger;
  status: RetentionRunStatus;
  /** Removed (or to remove, in a dry run) per property id and category. */
  counts: Record<string, Partial<Record<RetentionCategory, number>>>;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = `id, account_id AS "accountId", workflow_id AS "workflowId", dry_run AS "dryRun", trigger,
  status, counts, error, started_at AS "startedAt", finished_at AS "finishedAt"`;

/** Retention runs: their rows, progress and outcome. */
export class RetentionRunRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Opens a run of an account started through the api. Null when a real run of the account is
   * already running (only one at a time).
   */
  async openForAccount(
    accountId: string,
    dryRun: boolean,
    workflowIdOf: (runId: string) => string,
  ): Promise<RetentionRun | null> {
    const id = randomUUID();
    try {
      const [row]: RetentionRun[] = await this.ds.query(
        `INSERT INTO retention_runs (id, account_id, workflow_id, dry_run, trigger)
         VALUES ($1, $2, $3, $4, 'api') RETURNING ${COLUMNS}`,
        [id, accountId, workflowIdOf(id), dryRun],
      );
      return row;
    } catch (err) {
      if (isUniqueViolation(err, 'uq_retention_runs_one_real_run')) return null;
      throw err;
    }
  }

  /** The row of a run the schedule started (over every account); the same row when asked again. */
  async openScheduled(workflowId: string, dryRun: boolean): Promise<RetentionRun> {
    const [row]: RetentionRun[] = await this.ds.query(
      `INSERT INTO retention_runs (account_id, workflow_id, dry_run, trigger) VALUES (NULL, $1, $2, 'schedule')
       ON CONFLICT (workflow_id) DO UPDATE SET workflow_id = EXCLUDED.workflow_id
       RETURNING ${COLUMNS}`,
      [workflowId, dryRun],
    );
    return row;
  }

  async get(id: string): Promise<RetentionRun | null> {
    const [row]: RetentionRun[] = await this.ds.query(`SELECT ${COLUMNS} FROM retention_runs WHERE id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  /** A run of this account (its own runs only: scheduled runs cover every account and are listed by none). */
  async ofAccount(accountId: string, id: string): Promise<RetentionRun | null> {
    const [row]: RetentionRun[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM retention_runs WHERE id = $1 AND account_id = $2`,
      [id, accountId],
    );
    return row ?? null;
  }

  /** The account's runs, newest first. */
  listOfAccount(accountId: string, limit: number): Promise<RetentionRun[]> {
    return this.ds.query(
      `SELECT ${COLUMNS} FROM retention_runs WHERE account_id = $1 ORDER BY started_at DESC, id LIMIT $2`,
      [accountId, limit],
    );
  }

  /** Sets one property's count of one category (a repeat sets the same value: idempotent). */
  async setCount(id: string, propertyId: string, category: RetentionCategory, n: number): Promise<void> {
    await this.ds.query(
      `UPDATE retention_runs
          SET counts = jsonb_set(counts, ARRAY[$2::text], COALESCE(counts->$2, '{}'::jsonb) || jsonb_build_object($3::text, $4::int))
        WHERE id = $1`,
      [id, propertyId, category, n],
    );
  }

  /** The run ended; a finished run stays as it ended. */
  async finish(
    id: string,
    status: Exclude<RetentionRunStatus, 'running'>,
    error: string | null,
  ): Promise<void> {
    await this.ds.query(
      `UPDATE retention_runs SET status = $2, error = $3, finished_at = now() WHERE id = $1 AND status = 'running'`,
      [id, status, error === null ? null : error.slice(0, 2000)],
    );
  }
}
