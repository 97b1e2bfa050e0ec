import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Text notifications (`text.received` to a property's notifyWebhookUrl) waiting to be sent or
 * retried: written in the transaction that routes the text, deleted once the notification is
 * delivered or given up. Any api process sends what is due (FOR UPDATE SKIP LOCKED), so a retry
 * no longer dies with the process that received the text. `delivery_id` is the Switchboard-Delivery
 * header, the same on every attempt; `body` the exact bytes sent each time.
 */
export class TextNotificationOutbox1765740000000 implements MigrationInterface {
  name = 'TextNotificationOutbox1765740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE text_notifications (
         delivery_id text PRIMARY KEY,
         property_id uuid NOT NULL
           CONSTRAINT fk_text_notifications_property REFERENCES properties(id) ON DELETE CASCADE,
         url text NOT NULL,
         body text NOT NULL,
         attempts int NOT NULL,
         next_attempt_at timestamptz NOT NULL,
         last_error text,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await q.query(`CREATE INDEX ix_text_notifications_due ON text_notifications (next_attempt_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE text_notifications`);
  }
}
