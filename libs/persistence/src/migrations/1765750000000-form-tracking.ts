import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Form tracking (docs/DNI.md): a property opts in and may map its forms' fields by name, and each
 * submission the DNI script sends is a lead beside calls, texts and emails. A submission keeps the
 * fields captured, the lead's name, phone (E.164 when parseable), email and message, and its visit:
 * its attribution (campaign, keyword, UTM, landing page, referrer) is the session's, read through
 * `session_id`. `fields` is json, not jsonb, to keep the form's order of its fields. The phone index finds a later call's earlier forms (one lead's journey).
 */
export class FormTracking1765750000000 implements MigrationInterface {
  name = 'FormTracking1765750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE properties
      ADD COLUMN dni_forms_enabled boolean NOT NULL DEFAULT false,
      ADD COLUMN dni_form_field_map jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await q.query(`
      CREATE TABLE form_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        property_id uuid NOT NULL REFERENCES properties(id) ON DELETE CASCADE,
        session_id uuid REFERENCES visitor_sessions(id) ON DELETE SET NULL,
        visitor_id text,
        source_id uuid REFERENCES tracking_sources(id) ON DELETE SET NULL,
        source_name text NOT NULL DEFAULT '',
        form_name text,
        form_action text,
        page_url text NOT NULL,
        fields json NOT NULL,
        name text,
        phone text,
        email text,
        message text,
        submitted_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_form_submissions_time ON form_submissions (property_id, submitted_at)`);
    await q.query(
      `CREATE INDEX ix_form_submissions_phone ON form_submissions (property_id, phone) WHERE phone IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_form_submissions_session ON form_submissions (session_id) WHERE session_id IS NOT NULL`,
    );

    // A call's journey finds the lead's calls by caller number (ix_calls_from_number) or visit: without
    // this, the OR would read every call.
    await q.query(`CREATE INDEX ix_calls_visitor_session ON calls (session_id) WHERE session_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_calls_visitor_session`);
    await q.query(`DROP TABLE form_submissions`);
    await q.query(`ALTER TABLE properties DROP COLUMN dni_forms_enabled, DROP COLUMN dni_form_field_map`);
  }
}
