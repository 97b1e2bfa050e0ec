import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every carrier webhook, stored once by its event id before it is signalled. `delivered_at` stays null
 * until the workflow has the signal, so a redelivery after a crash in between is signalled again
 * instead of being dropped as a duplicate.
 */
@Entity({ name: 'carrier_events' })
export class CarrierEventEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'call_control_id', type: 'text', nullable: true })
  callControlId: string | null;

  @Column({ name: 'call_session_id', type: 'text', nullable: true })
  callSessionId: string | null;

  @Column({ name: 'workflow_id', type: 'text', nullable: true })
  workflowId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
