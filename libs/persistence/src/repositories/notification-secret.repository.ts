import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * A property's notification signing secret: the HMAC key of its voicemail and text notifications
 * (the outbound webhooks' header scheme). Every property has one from its creation; the API
 * rotates it, which is the only time it is shown.
 */
export class NotificationSecretRepository {
  constructor(private readonly ds: DataSource) {}

  /** The property's secret, or null when the property is gone. */
  async secretOf(propertyId: string): Promise<string | null> {
    const rows: { secret: string }[] = await this.ds.query(
      `SELECT notification_secret AS secret FROM properties WHERE id = $1`,
      [propertyId],
    );
    return rows[0]?.secret ?? null;
  }

  /** Replaces the secret with a new random one (effective at once) and returns it; null: no property. */
  async rotate(propertyId: string): Promise<{ secret: string; rotatedAt: Date } | null> {
    const secret = `sbn_${randomBytes(32).toString('base64url')}`;
    // TypeORM answers an UPDATE … RETURNING on PostgreSQL as [rows, count].
    const [rows]: [{ rotatedAt: Date }[], number] = await this.ds.query(
      `UPDATE properties SET notification_secret = $2, notification_secret_rotated_at = now()
        WHERE id = $1 RETURNING notification_secret_rotated_at AS "rotatedAt"`,
      [propertyId, secret],
    );
    return rows[0] ? { secret, rotatedAt: rows[0].rotatedAt } : null;
  }
}
