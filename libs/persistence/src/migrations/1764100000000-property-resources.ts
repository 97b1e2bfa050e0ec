import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What call flows refer to: schedules, agents, ring groups, audio files and voicemail boxes of a
 * property. Each is keyed by a slug unique within its property (the id a flow step names), so a
 * flow and the resources it uses travel together in a bundle from one property to another.
 */
export class PropertyResources1764100000000 implements MigrationInterface {
  name = 'PropertyResources1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const keyed = (table: string) => `
        property_id uuid NOT NULL CONSTRAINT fk_${table}_property REFERENCES properties(id) ON DELETE CASCADE,
        id text NOT NULL CONSTRAINT ck_${table}_id CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_${table} PRIMARY KEY (property_id, id)`;
    await q.query(`
      CREATE TABLE schedules (${keyed('schedules')},
        -- libs/domain's Schedule without its id: time zone, weekly windows, date overrides
        definition jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE agents (${keyed('agents')},
        -- libs/domain's AgentEndpoint: phone number, SIP URI or browser (WebRTC) login
        endpoint jsonb NOT NULL,
        available boolean NOT NULL DEFAULT true
      )`);
    await q.query(`
      CREATE TABLE ring_groups (${keyed('ring_groups')},
        -- libs/domain's RingGroup without id and name; members name agents by id
        definition jsonb NOT NULL,
        -- round-robin rotation: index of the member the next call starts on
        rotation_pointer integer NOT NULL DEFAULT 0
      )`);
    // One row per ring attempt of a call, so a retried activity gets the plan it already drew
    // instead of advancing the rotation twice.
    await q.query(`
      CREATE TABLE ring_claims (
        claim_id text PRIMARY KEY,
        property_id uuid NOT NULL,
        ring_group_id text NOT NULL,
        plan jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_ring_claims_created_at ON ring_claims (created_at)`);
    await q.query(`
      CREATE TABLE audio_files (${keyed('audio_files')},
        content_type text NOT NULL,
        content bytea NOT NULL,
        size_bytes integer NOT NULL,
        -- the unguessable part of the public URL the carrier fetches the file from
        public_id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT uq_audio_files_public_id UNIQUE
      )`);
    await q.query(`
      CREATE TABLE voicemail_boxes (${keyed('voicemail_boxes')},
        -- the agent whose box this is; null for the property's own boxes
        agent_id text,
        greeting jsonb,
        notify_webhook_url text,
        notify_emails text[] NOT NULL DEFAULT '{}'
      )`);
    await q.query(`ALTER TABLE calls ADD COLUMN voicemail_box_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls DROP COLUMN voicemail_box_id`);
    for (const t of ['voicemail_boxes', 'audio_files', 'ring_claims', 'ring_groups', 'agents', 'schedules'])
      await q.query(`DROP TABLE ${t}`);
  }
}
