import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenancy: accounts own properties; API keys (hashed) act for one account, optionally only on some
 * of its properties and read-only; property lists group properties for filtering. Properties made
 * before accounts existed move into one "Default account".
 */
export class AccountsAndKeys1764200000000 implements MigrationInterface {
  name = 'AccountsAndKeys1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO accounts (name) SELECT 'Default account' WHERE EXISTS (SELECT 1 FROM properties)`);
    await q.query(`
      ALTER TABLE properties
        ADD COLUMN account_id uuid CONSTRAINT fk_properties_account REFERENCES accounts(id) ON DELETE CASCADE,
        ADD COLUMN address text,
        ADD COLUMN phone text`);
    await q.query(`UPDATE properties SET account_id = (SELECT id FROM accounts ORDER BY created_at LIMIT 1)`);
    await q.query(`ALTER TABLE properties ALTER COLUMN account_id SET NOT NULL`);
    await q.query(`CREATE INDEX ix_properties_account ON properties (account_id)`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL CONSTRAINT fk_api_keys_account REFERENCES accounts(id) ON DELETE CASCADE,
        name text NOT NULL,
        -- the key's public, non-secret part: finds the row; the whole key is only ever hashed
        prefix text NOT NULL CONSTRAINT uq_api_keys_prefix UNIQUE,
        secret_hash bytea NOT NULL,
        read_only boolean NOT NULL DEFAULT false,
        -- null: every property of the account, now and later
        property_ids uuid[],
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE property_lists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL CONSTRAINT fk_property_lists_account REFERENCES accounts(id) ON DELETE CASCADE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_property_lists_account_name UNIQUE (account_id, name)
      )`);
    await q.query(`
      CREATE TABLE property_list_members (
        list_id uuid NOT NULL CONSTRAINT fk_property_list_members_list REFERENCES property_lists(id) ON DELETE CASCADE,
        property_id uuid NOT NULL CONSTRAINT fk_property_list_members_property REFERENCES properties(id) ON DELETE CASCADE,
        CONSTRAINT pk_property_list_members PRIMARY KEY (list_id, property_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE property_list_members`);
    await q.query(`DROP TABLE property_lists`);
    await q.query(`DROP TABLE api_keys`);
    await q.query(`ALTER TABLE properties DROP COLUMN phone, DROP COLUMN address, DROP COLUMN account_id`);
    await q.query(`DROP TABLE accounts`);
  }
}
