import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Properties, sources, tracking numbers, finished calls and the raw carrier event log. */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE properties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        time_zone text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE tracking_sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        property_id uuid NOT NULL CONSTRAINT fk_tracking_sources_property REFERENCES properties(id) ON DELETE CASCADE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_tracking_sources_property_name UNIQUE (property_id, name)
      )`);
    await q.query(`
      CREATE TABLE tracking_numbers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        property_id uuid NOT NULL CONSTRAINT fk_tracking_numbers_property REFERENCES properties(id) ON DELETE CASCADE,
        source_id uuid NOT NULL CONSTRAINT fk_tracking_numbers_source REFERENCES tracking_sources(id) ON DELETE RESTRICT,
        number text NOT NULL CONSTRAINT uq_tracking_numbers_number UNIQUE,
        forward_to text NOT NULL,
        greeting_text text,
        greeting_audio_url text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_tracking_numbers_property ON tracking_numbers (property_id)`);
    await q.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workflow_id text NOT NULL CONSTRAINT uq_calls_workflow_id UNIQUE,
        call_session_id text NOT NULL,
        call_control_id text NOT NULL,
        property_id uuid CONSTRAINT fk_calls_property REFERENCES properties(id) ON DELETE SET NULL,
        tracking_number_id uuid CONSTRAINT fk_calls_tracking_number REFERENCES tracking_numbers(id) ON DELETE SET NULL,
        source_id uuid CONSTRAINT fk_calls_source REFERENCES tracking_sources(id) ON DELETE SET NULL,
        source_name text,
        from_number text NOT NULL,
        to_number text NOT NULL,
        started_at timestamptz NOT NULL,
        answered_at timestamptz,
        ended_at timestamptz NOT NULL,
        duration_secs integer NOT NULL,
        talk_secs integer NOT NULL,
        outcome text NOT NULL,
        answered_by text,
        hangup_cause text,
        path jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The call log is read newest-first per property; caller history looks calls up by number.
    await q.query(`CREATE INDEX ix_calls_property_started ON calls (property_id, started_at DESC)`);
    await q.query(`CREATE INDEX ix_calls_from_number ON calls (from_number, started_at DESC)`);
    await q.query(`CREATE INDEX ix_calls_session ON calls (call_session_id)`);
    await q.query(`
      CREATE TABLE carrier_events (
        id text PRIMARY KEY,
        event_type text NOT NULL,
        call_control_id text,
        call_session_id text,
        workflow_id text,
        occurred_at timestamptz,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_carrier_events_workflow ON carrier_events (workflow_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE carrier_events`);
    await q.query(`DROP TABLE calls`);
    await q.query(`DROP TABLE tracking_numbers`);
    await q.query(`DROP TABLE tracking_sources`);
    await q.query(`DROP TABLE properties`);
  }
}
