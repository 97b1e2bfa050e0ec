import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Privacy requests about one person (docs/privacy-requests.md): erasures and exports, kept as the
 * audit of who asked, when, and what was removed.
 *
 * The person is kept as `subject_token`, privacy_token() of the number or address: the audit must
 * not keep what it erased. An erasure also needs the value itself while it runs (its workflow reads
 * it here, so it is never in a Temporal history): `subject_value` holds it until the erasure ends,
 * then is cleared. An export is answered at once and never stores it.
 *
 * One erasure of a person at a time per account (the partial unique index): a second request
 * while one is pending or running is answered with the first.
 */
export class Erasures1765800000000 implements MigrationInterface {
  name = 'Erasures1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE privacy_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('erasure', 'export')),
        subject_kind text NOT NULL CHECK (subject_kind IN ('phone', 'email')),
        subject_token text NOT NULL,
        subject_value text,
        requested_by_key_id uuid,
        requested_by_name text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        started_at timestamptz,
        finished_at timestamptz,
        error text,
        CHECK (subject_value IS NULL OR status IN ('pending', 'running'))
      )`);
    await q.query(
      `CREATE INDEX privacy_requests_account ON privacy_requests (account_id, requested_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE UNIQUE INDEX privacy_requests_one_active_erasure ON privacy_requests (account_id, subject_token)
        WHERE kind = 'erasure' AND status IN ('pending', 'running')`);
    // The worker's sweep of erasures whose workflow start was lost.
    await q.query(`
      CREATE INDEX privacy_requests_pending ON privacy_requests (requested_at)
        WHERE kind = 'erasure' AND status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE privacy_requests`);
  }
}
