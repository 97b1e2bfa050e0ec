import type { DataSource } from 'typeorm';
import type { PrivacySubject, PrivacySubjectKind } from '@switchboard/domain';
import type { ErasureCounts, ErasureKind } from '@switchboard/contracts';
import { managerOf, type Tx } from '../transaction';
import type { ErasureSubject } from './erasure.repository';

export type PrivacyRequestKind = 'erasure' | 'export';
export type PrivacyRequestStatus = 'pending' | 'running' | 'done' | 'failed';

/** One audited request about a person (see the erasures migration): never the person's value. */
export interface PrivacyRequest {
  id: string;
  accountId: string;
  kind: PrivacyRequestKind;
  subjectKind: PrivacySubjectKind;
  /** privacy_token of the number or address: the same person's requests share it. */
  subjectToken: string;
  /** The api key that asked (its id; its name as it was then). */
  requestedBy: { keyId: string | null; name: string };
  requestedAt: Date;
  status: PrivacyRequestStatus;
  /** What was removed or changed, by kind (an export: what it held). */
  counts: ErasureCounts;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
}

const COLUMNS = `id, account_id AS "accountId", kind, subject_kind AS "subjectKind", subject_token AS "subjectToken",
  json_build_object('keyId', requested_by_key_id, 'name', requested_by_name) AS "requestedBy",
  requested_at AS "requestedAt", status, counts, started_at AS "startedAt", finished_at AS "finishedAt", error`;

/** The account's key's name, kept as it is now: a key renamed or revoked later still reads the same. */
const KEY_NAME = `COALESCE((SELECT k.name FROM api_keys k WHERE k.id = $3 AND k.account_id = a.id), 'unknown key')`;

/** Erasure and export requests: the audit log, and where a running erasure keeps its progress. */
export class PrivacyRequestRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * A new erasure of the person, pending its workflow; or, when one of the same person is
   * already pending or running in the account, that one (`created` false). Null: no such account.
   */
  async requestErasure(
    accountId: string,
    subject: PrivacySubject,
    keyId: string,
  ): Promise<{ request: PrivacyRequest; created: boolean } | null> {
    // Twice at most: the running one may finish between the refused insert and the read.
    for (let attempt = 0; attempt < 2; attempt++) {
      const [made]: PrivacyRequest[] = await this.ds.query(
        `INSERT INTO privacy_requests (account_id, kind, subject_kind, subject_token, subject_value,
                requested_by_key_id, requested_by_name, status)
         SELECT a.id, 'erasure', $4, privacy_token(a.privacy_key, $2), $2, $3, ${KEY_NAME}, 'pending'
           FROM accounts a WHERE a.id = $1
         ON CONFLICT (account_id, subject_token) WHERE kind = 'erasure' AND status IN ('pending', 'running')
         DO NOTHING
         RETURNING ${COLUMNS}`,
        [accountId, subject.value, keyId, subject.kind],
      );
      if (made) return { request: made, created: true };
      const [active]: PrivacyRequest[] = await this.ds.query(
        `SELECT ${COLUMNS} FROM privacy_requests r
          WHERE r.account_id = $1 AND r.kind = 'erasure' AND r.status IN ('pending', 'running')
            AND r.subject_token = (SELECT privacy_token(privacy_key, $2) FROM accounts WHERE id = $1)`,
        [accountId, subject.value],
      );
      if (active) return { request: active, created: false };
      const [account]: unknown[] = await this.ds.query(`SELECT 1 FROM accounts WHERE id = $1`, [accountId]);
      if (!account) return null;
    }
    throw new Error('an erasure of this person kept starting and finishing meanwhile');
  }

  /** Audits an export (answered at once: done when written), with what it held. */
  async recordExport(
    accountId: string,
    subject: PrivacySubject,
    keyId: string,
    counts: Record<string, number>,
  ): Promise<PrivacyRequest> {
    const [row]: PrivacyRequest[] = await this.ds.query(
      `INSERT INTO privacy_requests (account_id, kind, subject_kind, subject_token, requested_by_key_id,
              requested_by_name, status, counts, started_at, finished_at)
       SELECT a.id, 'export', $4, privacy_token(a.privacy_key, $2), $3, ${KEY_NAME}, 'done', $5, now(), now()
         FROM accounts a WHERE a.id = $1
       RETURNING ${COLUMNS}`,
      [accountId, subject.value, keyId, subject.kind, JSON.stringify(counts)],
    );
    return row;
  }

  async get(accountId: string, id: string): Promise<PrivacyRequest | null> {
    const [row]: PrivacyRequest[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM privacy_requests WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    return row ?? null;
  }

  /** The account's requests, newest first, optionally of one kind. */
  async list(
    accountId: string,
    o: { kind?: PrivacyRequestKind; limit: number; offset: number },
  ): Promise<{ items: PrivacyRequest[]; total: number }> {
    const where = `account_id = $1 AND ($2::text IS NULL OR kind = $2)`;
    const items: PrivacyRequest[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM privacy_requests WHERE ${where}
        ORDER BY requested_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [accountId, o.kind ?? null, o.limit, o.offset],
    );
    const [{ total }]: { total: number }[] = await this.ds.query(
      `SELECT count(*)::int AS total FROM privacy_requests WHERE ${where}`,
      [accountId, o.kind ?? null],
    );
    return { items, total };
  }

  // The erasure's workflow

  /**
   * Marks a pending or running erasure running and says which kinds are done already (a
   * restarted workflow skips them); null when it is finished or gone.
   */
  async beginErasure(id: string): Promise<{ done: ErasureKind[] } | null> {
    // An UPDATE answers its rows and how many it changed.
    const [[row]]: [{ counts: ErasureCounts }[], number] = await this.ds.query(
      `UPDATE privacy_requests SET status = 'running', started_at = COALESCE(started_at, now())
        WHERE id = $1 AND kind = 'erasure' AND status IN ('pending', 'running')
        RETURNING counts`,
      [id],
    );
    return row ? { done: Object.keys(row.counts) as ErasureKind[] } : null;
  }

  /** Who a running erasure is about, with the token its SQL writes; null once it ended. */
  async erasureSubject(id: string): Promise<ErasureSubject | null> {
    const [row]: ErasureSubject[] = await this.ds.query(
      `SELECT r.account_id AS "accountId", r.subject_kind AS kind, r.subject_value AS value,
              privacy_token(a.privacy_key, r.subject_value) AS token
         FROM privacy_requests r JOIN accounts a ON a.id = r.account_id
        WHERE r.id = $1 AND r.kind = 'erasure' AND r.subject_value IS NOT NULL`,
      [id],
    );
    return row ?? null;
  }

  /** Adds what one kind changed (joining the kind's own transaction, so a repeat adds 0 more). */
  async recordProgress(id: string, kind: ErasureKind, changed: number, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE privacy_requests
          SET counts = counts || jsonb_build_object($2::text, COALESCE((counts->>$2)::int, 0) + $3)
        WHERE id = $1`,
      [id, kind, changed],
    );
  }

  /** The erasure ended: the person's value is forgotten, whatever the outcome. */
  async finishErasure(id: string, error: string | null): Promise<void> {
    await this.ds.query(
      `UPDATE privacy_requests
          SET status = CASE WHEN $2::text IS NULL THEN 'done' ELSE 'failed' END, error = $2,
              finished_at = now(), subject_value = NULL
        WHERE id = $1 AND status IN ('pending', 'running')`,
      [id, error?.slice(0, 2000) ?? null],
    );
  }

  /** Erasures still pending over `olderThanSecs` after they were asked for: their start was lost. */
  async strandedErasures(olderThanSecs: number, limit = 100): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM privacy_requests
        WHERE kind = 'erasure' AND status = 'pending' AND requested_at < now() - make_interval(secs => $1)
        ORDER BY requested_at LIMIT $2`,
      [olderThanSecs, limit],
    );
    return rows.map((r) => r.id);
  }
}
