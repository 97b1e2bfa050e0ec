import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { WebhookEnvelope, WebhookEventType } from '@switchboard/contracts';

export interface WebhookSubscription {
  id: string;
  propertyId: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  active: boolean;
  createdAt: Date;
  /** The signing secret: shown when the subscription is created, never listed again. */
  secret?: string;
}

export interface SubscriptionFields {
  url: string;
  events: WebhookEventType[];
  description?: string | null;
  active?: boolean;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: WebhookEventType;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface DeliveryAttempt {
  attemptedAt: Date;
  manual: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** What one attempt needs: where, how to sign, and the exact body. */
export interface DeliveryToSend {
  id: string;
  url: string;
  secret: string;
  /** False once the subscription is paused or deleted: nothing more is sent. */
  active: boolean;
  eventType: WebhookEventType;
  payload: WebhookEnvelope;
}

const SUBSCRIPTION_COLUMNS = `id, property_id AS "propertyId", url, events, description, active, created_at AS "createdAt"`;
const DELIVERY_COLUMNS = `id, subscription_id AS "subscriptionId", event_id AS "eventId", event_type AS "eventType",
  status, attempts, last_status_code AS "lastStatusCode", last_error AS "lastError", created_at AS "createdAt",
  delivered_at AS "deliveredAt"`;

/** Outbound webhook subscriptions, their deliveries, and every attempt (the delivery log). */
export class WebhookRepository {
  constructor(private readonly ds: DataSource) {}

  async create(propertyId: string, f: SubscriptionFields): Promise<WebhookSubscription> {
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const [row]: WebhookSubscription[] = await this.ds.query(
      `INSERT INTO webhook_subscriptions (property_id, url, events, secret, description, active)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SUBSCRIPTION_COLUMNS}`,
      [propertyId, f.url, f.events, secret, f.description ?? null, f.active ?? true],
    );
    return { ...row, secret };
  }

  async list(propertyId: string): Promise<WebhookSubscription[]> {
    return this.ds.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE property_id = $1 ORDER BY created_at, id`,
      [propertyId],
    );
  }

  async get(propertyId: string, id: string): Promise<WebhookSubscription | null> {
    const rows: WebhookSubscription[] = await this.ds.query(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE property_id = $1 AND id = $2`,
      [propertyId, id],
    );
    return rows[0] ?? null;
  }

  async update(
    propertyId: string,
    id: string,
    f: Partial<SubscriptionFields>,
  ): Promise<WebhookSubscription | null> {
    const rows: WebhookSubscription[] = await this.ds.query(
      // In CTEs: TypeORM answers a bare UPDATE/DELETE … RETURNING with [rows, count], not rows.
      `WITH u AS (
         UPDATE webhook_subscriptions
            SET url = COALESCE($3, url), events = COALESCE($4, events),
                description = CASE WHEN $5::boolean THEN $6 ELSE description END,
                active = COALESCE($7, active)
          WHERE property_id = $1 AND id = $2 RETURNING *)
       SELECT ${SUBSCRIPTION_COLUMNS} FROM u`,
      [
        propertyId,
        id,
        f.url ?? null,
        f.events ?? null,
        f.description !== undefined,
        f.description ?? null,
        f.active ?? null,
      ],
    );
    return rows[0] ?? null;
  }

  async remove(propertyId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `WITH d AS (DELETE FROM webhook_subscriptions WHERE property_id = $1 AND id = $2 RETURNING id) SELECT id FROM d`,
      [propertyId, id],
    );
    return rows.length > 0;
  }

  /**
   * One delivery per active subscriber of the event's type. Unique per subscriber and event id, so
   * publishing the same event again (a retried activity) returns the same deliveries, not new ones.
   */
  async createDeliveries(envelope: WebhookEnvelope): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `INSERT INTO webhook_deliveries (subscription_id, property_id, event_id, event_type, payload)
       SELECT s.id, s.property_id, $2, $3, $4::jsonb
         FROM webhook_subscriptions s
        WHERE s.property_id = $1 AND s.active AND $3 = ANY (s.events)
       ON CONFLICT (subscription_id, event_id) DO UPDATE SET event_type = EXCLUDED.event_type
       RETURNING id`,
      [envelope.propertyId, envelope.id, envelope.type, JSON.stringify(envelope)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Deliveries no attempt was made of, created between `withinSecs` and `olderThanSecs` ago, oldest
   * first: those whose workflow may never have started.
   */
  async stranded(olderThanSecs: number, withinSecs: number, limit = 500): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM webhook_deliveries
        WHERE status = 'pending' AND attempts = 0
          AND created_at < now() - make_interval(secs => $1)
          AND created_at > now() - make_interval(secs => $2)
        ORDER BY created_at LIMIT $3`,
      [olderThanSecs, withinSecs, limit],
    );
    return rows.map((r) => r.id);
  }

  async toSend(deliveryId: string): Promise<DeliveryToSend | null> {
    const rows: DeliveryToSend[] = await this.ds.query(
      `SELECT d.id, s.url, s.secret, s.active, d.event_type AS "eventType", d.payload
         FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    return rows[0] ?? null;
  }

  /** Logs one attempt and moves the delivery's status (a success is final). */
  async recordAttempt(
    deliveryId: string,
    a: { manual: boolean; statusCode: number | null; error: string | null; durationMs: number; ok: boolean },
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, manual, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5)`,
        [deliveryId, a.manual, a.statusCode, a.error, a.durationMs],
      );
      await m.query(
        `UPDATE webhook_deliveries
            SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
                status = CASE WHEN $4::boolean THEN 'delivered' ELSE status END,
                delivered_at = CASE WHEN $4::boolean THEN now() ELSE delivered_at END
          WHERE id = $1`,
        [deliveryId, a.statusCode, a.error, a.ok],
      );
    });
  }

  /** Retries ran out; a delivery that succeeded meanwhile (by hand) stays delivered. */
  async markFailed(deliveryId: string): Promise<void> {
    await this.ds.query(
      `UPDATE webhook_deliveries SET status = 'failed' WHERE id = $1 AND status = 'pending'`,
      [deliveryId],
    );
  }

  /** A redelivery by hand: pending again until it succeeds or runs out. */
  async markPending(deliveryId: string): Promise<void> {
    await this.ds.query(
      `UPDATE webhook_deliveries SET status = 'pending' WHERE id = $1 AND status = 'failed'`,
      [deliveryId],
    );
  }

  async deliveries(
    propertyId: string,
    subscriptionId: string,
    q: { status?: DeliveryStatus; limit: number; offset: number },
  ): Promise<{ items: WebhookDelivery[]; total: number }> {
    const where = `property_id = $1 AND subscription_id = $2 AND ($3::text IS NULL OR status = $3)`;
    const params = [propertyId, subscriptionId, q.status ?? null];
    const [items, [count]] = await Promise.all([
      this.ds.query<WebhookDelivery[]>(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE ${where}
          ORDER BY created_at DESC, id LIMIT $4 OFFSET $5`,
        [...params, q.limit, q.offset],
      ),
      this.ds.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE ${where}`,
        params,
      ),
    ]);
    return { items, total: count.n };
  }

  async delivery(
    propertyId: string,
    deliveryId: string,
  ): Promise<(WebhookDelivery & { payload: WebhookEnvelope; attemptLog: DeliveryAttempt[] }) | null> {
    const rows: (WebhookDelivery & { payload: WebhookEnvelope })[] = await this.ds.query(
      `SELECT ${DELIVERY_COLUMNS}, payload FROM webhook_deliveries WHERE property_id = $1 AND id = $2`,
      [propertyId, deliveryId],
    );
    if (!rows[0]) return null;
    const attemptLog: DeliveryAttempt[] = await this.ds.query(
      `SELECT attempted_at AS "attemptedAt", manual, status_code AS "statusCode", error, duration_ms AS "durationMs"
         FROM webhook_delivery_attempts WHERE delivery_id = $1 ORDER BY id`,
      [deliveryId],
    );
    return { ...rows[0], attemptLog };
  }
}
