import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { TextRoutingView } from './messaging.view';

/** A property's default text routing: where inbound texts are forwarded and announced. */
@Injectable()
export class TextRoutingService {
  constructor(private readonly ds: DataSource) {}

  /** The property's routing (both null until set); the guard has already checked the property. */
  async get(propertyId: string): Promise<TextRoutingView> {
    const rows: TextRoutingView[] = await this.ds.query(
      `SELECT forward_to AS "forwardTo", notify_webhook_url AS "notifyWebhookUrl"
         FROM text_routing WHERE property_id = $1`,
      [propertyId],
    );
    return rows[0] ?? { forwardTo: null, notifyWebhookUrl: null };
  }

  async set(propertyId: string, r: Partial<TextRoutingView>): Promise<TextRoutingView> {
    const rows: TextRoutingView[] = await this.ds.query(
      `INSERT INTO text_routing (property_id, forward_to, notify_webhook_url) VALUES ($1, $2, $3)
       ON CONFLICT (property_id) DO UPDATE
         SET forward_to = EXCLUDED.forward_to, notify_webhook_url = EXCLUDED.notify_webhook_url, updated_at = now()
       RETURNING forward_to AS "forwardTo", notify_webhook_url AS "notifyWebhookUrl"`,
      [propertyId, r.forwardTo ?? null, r.notifyWebhookUrl ?? null],
    );
    return rows[0];
  }
}
