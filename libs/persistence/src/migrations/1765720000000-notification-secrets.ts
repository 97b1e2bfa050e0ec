import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each property's notification signing secret: voicemail and text notifications are signed with
 * it (as webhook subscriptions are with theirs). Existing and new properties get a random one,
 * which nobody knows until it is rotated through the API (the new one is shown then, once):
 * two v4 UUIDs from PostgreSQL's strong random source, 244 random bits.
 */
export class NotificationSecrets1765720000000 implements MigrationInterface {
  name = 'NotificationSecrets1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE properties
         ADD COLUMN notification_secret text NOT NULL
           DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
         ADD COLUMN notification_secret_rotated_at timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE properties DROP COLUMN notification_secret, DROP COLUMN notification_secret_rotated_at`,
    );
  }
}
