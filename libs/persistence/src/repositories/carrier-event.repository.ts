import type { DataSource } from 'typeorm';
import { CarrierEventEntity } from '../entities';

export interface StoredEventState {
  /** True when this delivery inserted the event (not a redelivery). */
  inserted: boolean;
  /** True when an earlier delivery already reached the workflow. */
  delivered: boolean;
}

/** The webhook inbox: exactly-once storage keyed on the carrier's event id. */
export class CarrierEventRepository {
  constructor(private readonly ds: DataSource) {}

  async store(e: {
    id: string;
    eventType: string;
    callControlId: string | null;
    callSessionId: string | null;
    workflowId: string | null;
    occurredAt: string | null;
    payload: unknown;
  }): Promise<StoredEventState> {
    // One round trip: insert, or on conflict report whether the earlier copy was delivered.
    const rows: { inserted: boolean; delivered: boolean }[] = await this.ds.query(
      `WITH ins AS (
         INSERT INTO carrier_events (id, event_type, call_control_id, call_session_id, workflow_id, occurred_at, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO NOTHING
         RETURNING true AS inserted, false AS delivered)
       SELECT inserted, delivered FROM ins
       UNION ALL
       SELECT false, delivered_at IS NOT NULL FROM carrier_events WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [
        e.id,
        e.eventType,
        e.callControlId,
        e.callSessionId,
        e.workflowId,
        e.occurredAt,
        JSON.stringify(e.payload),
      ],
    );
    return rows[0] ?? { inserted: false, delivered: false };
  }

  async markDelivered(id: string): Promise<void> {
    await this.ds.query(
      `UPDATE carrier_events SET delivered_at = now() WHERE id = $1 AND delivered_at IS NULL`,
      [id],
    );
  }

  async forWorkflow(workflowId: string): Promise<CarrierEventEntity[]> {
    return this.ds.getRepository(CarrierEventEntity).find({
      where: { workflowId },
      order: { occurredAt: 'ASC', receivedAt: 'ASC' },
    });
  }
}
