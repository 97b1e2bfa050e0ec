import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agents in the browser: presence (ring groups ring only available agents), the Telnyx credential of
 * a browser agent, one-time sign-in codes and agent sessions (hashed like API keys), and outbound
 * calls on the call log.
 */
export class AgentSessions1765350000000 implements MigrationInterface {
  name = 'AgentSessions1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE agents
        ADD COLUMN presence text NOT NULL DEFAULT 'available'
          CHECK (presence IN ('available', 'away', 'on_call', 'offline')),
        ADD COLUMN current_call_control_id text,
        ADD COLUMN telnyx_credential_id text`);
    await q.query(
      `CREATE INDEX ix_agents_webrtc_username ON agents ((endpoint->>'username')) WHERE endpoint->>'kind' = 'webrtc'`,
    );
    await q.query(`
      CREATE TABLE agent_sign_in_codes (
        code_hash text PRIMARY KEY,
        property_id uuid NOT NULL,
        agent_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        FOREIGN KEY (property_id, agent_id) REFERENCES agents (property_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE agent_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        property_id uuid NOT NULL,
        agent_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        FOREIGN KEY (property_id, agent_id) REFERENCES agents (property_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      ALTER TABLE calls
        ADD COLUMN direction text NOT NULL DEFAULT 'inbound' CHECK (direction IN ('inbound', 'outbound')),
        ADD COLUMN agent_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls DROP COLUMN direction, DROP COLUMN agent_id`);
    await q.query(`DROP TABLE agent_sessions`);
    await q.query(`DROP TABLE agent_sign_in_codes`);
    await q.query(`DROP INDEX ix_agents_webrtc_username`);
    await q.query(
      `ALTER TABLE agents DROP COLUMN presence, DROP COLUMN current_call_control_id, DROP COLUMN telnyx_credential_id`,
    );
  }
}
