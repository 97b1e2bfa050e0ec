import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per voicemail left, written with the call's record (activities' saveFinishedCall),
 * so a message exists exactly when a `voicemail` call record does. `call_id` is unique: the record
 * write is retried and must not add a second message. Deletes are soft (`deleted_at`), so a
 * retried write cannot bring a deleted message back.
 */
export class VoicemailMessages1764300000001 implements MigrationInterface {
  name = 'VoicemailMessages1764300000001';

  async up(q: QueryRunner): Promise<void> {
    // No foreign key to voicemail_boxes: a call ending just after its box was deleted must still
    // be recorded (the api refuses to delete a box that has messages).
    await q.query(`
      CREATE TABLE voicemail_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        property_id uuid NOT NULL CONSTRAINT fk_voicemail_messages_property REFERENCES properties(id) ON DELETE CASCADE,
        box_id text NOT NULL,
        call_id uuid NOT NULL CONSTRAINT uq_voicemail_messages_call UNIQUE
          CONSTRAINT fk_voicemail_messages_call REFERENCES calls(id) ON DELETE CASCADE,
        from_number text NOT NULL,
        -- the carrier's URL of the recording
        recording_url text NOT NULL,
        -- from the carrier's recording.saved event, when it says
        duration_secs integer,
        -- when the call ended, on the carrier's clock
        received_at timestamptz NOT NULL,
        heard_at timestamptz,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE INDEX ix_voicemail_messages_box ON voicemail_messages (property_id, box_id, received_at DESC)
        WHERE deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE voicemail_messages`);
  }
}
