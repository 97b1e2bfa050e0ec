import type { DataSource } from 'typeorm';

/** Where a property's inbound texts go (null: that part is off). */
export interface TextRouting {
  /** The phone inbound texts are forwarded to. */
  forwardTo: string | null;
  /** The URL each inbound text is announced to. */
  notifyWebhookUrl: string | null;
}

/** The tracking number a text reached, with its property and source. */
export interface TextedNumber {
  id: string;
  propertyId: string;
  propertyName: string;
  sourceId: string;
  sourceName: string;
}

/** Where inbound texts go: the number's property and source, and the property's text routing. */
export class TextRoutingRepository {
  constructor(private readonly ds: DataSource) {}

  /** The property's routing; null until it is set. */
  async get(propertyId: string): Promise<TextRouting | null> {
    const rows = await this.ds.query<TextRouting[]>(
      `SELECT forward_to AS "forwardTo", notify_webhook_url AS "notifyWebhookUrl"
         FROM text_routing WHERE property_id = $1`,
      [propertyId],
    );
    return rows[0] ?? null;
  }

  async set(propertyId: string, r: TextRouting): Promise<TextRouting> {
    const rows = await this.ds.query<TextRouting[]>(
      `INSERT INTO text_routing (property_id, forward_to, notify_webhook_url) VALUES ($1, $2, $3)
       ON CONFLICT (property_id) DO UPDATE
         SET forward_to = EXCLUDED.forward_to, notify_webhook_url = EXCLUDED.notify_webhook_url, updated_at = now()
       RETURNING forward_to AS "forwardTo", notify_webhook_url AS "notifyWebhookUrl"`,
      [propertyId, r.forwardTo, r.notifyWebhookUrl],
    );
    return rows[0];
  }

  /** The tracking number `e164`; null when no property owns it. */
  async number(e164: string): Promise<TextedNumber | null> {
    const rows = await this.ds.query<TextedNumber[]>(
      `SELECT n.id, n.property_id AS "propertyId", p.name AS "propertyName",
              n.source_id AS "sourceId", s.name AS "sourceName"
         FROM tracking_numbers n
         JOIN properties p ON p.id = n.property_id
         JOIN tracking_sources s ON s.id = n.source_id
        WHERE n.number = $1`,
      [e164],
    );
    return rows[0] ?? null;
  }
}
