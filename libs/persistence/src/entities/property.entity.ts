import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Prompt } from '@switchboard/domain';

/** A business location or brand whose calls are tracked (a rental community, a clinic). */
@Entity({ name: 'properties' })
export class PropertyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The account that owns it; every API request is scoped to one account. */
  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ type: 'text' })
  name: string;

  /** IANA zone: schedules and report days are judged in it, never in the server's zone. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  /** The business's main number (E.164), for reference; not a tracking number. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** The call flow `POST …/default-routing/apply` gives its tracking numbers; null: none chosen. */
  @Column({ name: 'default_call_flow_id', type: 'uuid', nullable: true })
  defaultCallFlowId: string | null;

  /**
   * What callers hear before a recording flow without a disclosure of its own records them; null:
   * no default.
   */
  @Column({ name: 'recording_disclosure', type: 'jsonb', nullable: true })
  recordingDisclosure: Prompt | null;

  /** Every recording flow must have a disclosure (its own, or the default above). */
  @Column({ name: 'require_recording_disclosure', type: 'boolean', default: false })
  requireRecordingDisclosure: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
