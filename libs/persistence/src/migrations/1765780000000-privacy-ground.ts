import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What retention and erasure share.
 *
 * - `accounts.privacy_key`: a random key per account (from gen_random_uuid, which PostgreSQL draws
 *   from its strong random source). `privacy_token(key, value)` turns a phone number or an address
 *   into `erased-<20 hex>` with it. The same person gets the same token everywhere in their account,
 *   so reports still count them once and their calls stay grouped. Without the key the token cannot
 *   be traced back to the number, and it never matches a real number: a later call from that
 *   number is a first-time call. Tokens of one account mean nothing in another.
 * - Recordings gain `deleted`: our copy and the carrier's were deleted (by retention or by an
 *   erasure). The row stays, so the call still says it was recorded, and when and why the recording
 *   went.
 */
export class PrivacyGround1765780000000 implements MigrationInterface {
  name = 'PrivacyGround1765780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE accounts ADD COLUMN privacy_key bytea NOT NULL
        DEFAULT decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')`);
    await q.query(`
      CREATE FUNCTION privacy_token(key bytea, value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT 'erased-' || substr(encode(sha256(key || convert_to(value, 'UTF8')), 'hex'), 1, 20) $$`);
    await q.query(`ALTER TABLE recordings DROP CONSTRAINT recordings_status_check`);
    await q.query(`
      ALTER TABLE recordings
        ADD CONSTRAINT recordings_status_check CHECK (status IN ('pending', 'stored', 'failed', 'deleted')),
        ADD COLUMN deleted_at timestamptz,
        ADD COLUMN deleted_reason text CHECK (deleted_reason IN ('retention', 'erasure'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE recordings SET status = 'failed', error = 'deleted' WHERE status = 'deleted'`);
    await q.query(`ALTER TABLE recordings DROP COLUMN deleted_reason, DROP COLUMN deleted_at`);
    await q.query(`ALTER TABLE recordings DROP CONSTRAINT recordings_status_check`);
    await q.query(
      `ALTER TABLE recordings ADD CONSTRAINT recordings_status_check CHECK (status IN ('pending', 'stored', 'failed'))`,
    );
    await q.query(`DROP FUNCTION privacy_token(bytea, text)`);
    await q.query(`ALTER TABLE accounts DROP COLUMN privacy_key`);
  }
}
