import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Our copies of the carrier's recordings (voicemail and conversations). Telnyx's download links
 * last 10 minutes and anyone holding one can listen, so every `call.recording.saved` gets a row here
 * and a background workflow copies the file into the blob store; people then listen only through
 * short-lived signed `/media/recordings/{id}` URLs. `carrier_url` is the link the call record and
 * voicemail message keep (the same one the webhook parser picks), which is how they find their copy.
 */
export class Recordings1765500000000 implements MigrationInterface {
  name = 'Recordings1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recordings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        carrier_recording_id text NOT NULL UNIQUE,
        workflow_id text,
        call_control_id text,
        purpose text NOT NULL CHECK (purpose IN ('voicemail', 'conversation')),
        carrier_url text NOT NULL,
        download_urls jsonb NOT NULL,
        duration_secs integer,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'stored', 'failed')),
        blob_key text,
        content_type text,
        size_bytes bigint,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        stored_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_recordings_carrier_url ON recordings (carrier_url)`);
    await q.query(`CREATE INDEX ix_recordings_workflow ON recordings (workflow_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recordings`);
  }
}
