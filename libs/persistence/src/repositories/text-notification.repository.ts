import type { DataSource } from 'typeorm';
import { managerOf, type Tx } from '../transaction';

/** A notification to send now, taken by this process until its lease ends. */
export interface ClaimedTextNotification {
  deliveryId: string;
  propertyId: string;
  url: string;
  body: string;
  /** Which attempt this is, from 1. */
  attempt: number;
}

const CLAIMED = `delivery_id AS "deliveryId", property_id AS "propertyId", url, body, attempts AS attempt`;

/**
 * The text notifications' outbox (`text_notifications`). An attempt is claimed before it is made:
 * the row's attempt count goes up and it is leased (`next_attempt_at` moves past the attempt's
 * end), so no other process takes it meanwhile, and if this one dies the lease runs out and any
 * other takes it. Writes after an attempt name the attempt they follow, so a process whose lease
 * ran out cannot overwrite what the next one decided.
 */
export class TextNotificationRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Stores a notification with its first attempt claimed by the caller (in the caller's
   * transaction, so it exists exactly when the text does). Null when one with this delivery id is
   * already waiting (it is sent, not this one).
   */
  async enqueue(
    n: { deliveryId: string; propertyId: string; url: string; body: string },
    leaseSecs: number,
    tx?: Tx,
  ): Promise<ClaimedTextNotification | null> {
    const rows: ClaimedTextNotification[] = await managerOf(this.ds, tx).query(
      `INSERT INTO text_notifications (delivery_id, property_id, url, body, attempts, next_attempt_at)
       VALUES ($1, $2, $3, $4, 1, now() + make_interval(secs => $5::float8))
       ON CONFLICT (delivery_id) DO NOTHING
       RETURNING ${CLAIMED}`,
      [n.deliveryId, n.propertyId, n.url, n.body, leaseSecs],
    );
    return rows[0] ?? null;
  }

  /**
   * Claims up to `limit` notifications whose attempt is due (a retry's time has come, or the
   * lease of a process that died mid-attempt ran out), oldest first. Rows another process is
   * claiming right now are skipped, not waited for.
   */
  async claimDue(limit: number, leaseSecs: number): Promise<ClaimedTextNotification[]> {
    if (limit <= 0) return [];
    // In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], not rows.
    return this.ds.query(
      `WITH due AS (
         SELECT delivery_id FROM text_notifications
          WHERE next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE text_notifications t
            SET attempts = t.attempts + 1, next_attempt_at = now() + make_interval(secs => $2::float8)
           FROM due WHERE t.delivery_id = due.delivery_id
         RETURNING t.delivery_id, t.property_id, t.url, t.body, t.attempts
       )
       SELECT ${CLAIMED} FROM claimed`,
      [limit, leaseSecs],
    );
  }

  /**
   * After attempt `attempt` failed: the next one is due in `delayMs`; `last_error` says which
   * attempt failed and why ("attempt 2: answered 503"). False: no longer ours.
   */
  async retryLater(deliveryId: string, attempt: number, delayMs: number, error: string): Promise<boolean> {
    const [, updated]: [unknown[], number] = await this.ds.query(
      `UPDATE text_notifications
          SET next_attempt_at = now() + make_interval(secs => $3::float8 / 1000), last_error = $4
        WHERE delivery_id = $1 AND attempts = $2`,
      [deliveryId, attempt, delayMs, `attempt ${attempt}: ${error}`],
    );
    return updated > 0;
  }

  /** The notification is done with (delivered, refused or given up) after attempt `attempt`. */
  async finish(deliveryId: string, attempt: number): Promise<void> {
    await this.ds.query(`DELETE FROM text_notifications WHERE delivery_id = $1 AND attempts = $2`, [
      deliveryId,
      attempt,
    ]);
  }
}
