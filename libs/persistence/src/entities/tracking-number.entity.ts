import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A phone number published for one source; calls to it are attributed to that source. */
@Entity({ name: 'tracking_numbers' })
export class TrackingNumberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'property_id', type: 'uuid' })
  propertyId: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  /** E.164; unique across the whole system because the carrier routes by it. */
  @Column({ type: 'text', unique: true })
  number: string;

  /** E.164 number or sip: URI the call is forwarded to. */
  @Column({ name: 'forward_to', type: 'text' })
  forwardTo: string;

  @Column({ name: 'greeting_text', type: 'text', nullable: true })
  greetingText: string | null;

  @Column({ name: 'greeting_audio_url', type: 'text', nullable: true })
  greetingAudioUrl: string | null;

  /** The call flow calls to this number run (its current version at call start); null: forward. */
  @Column({ name: 'call_flow_id', type: 'uuid', nullable: true })
  callFlowId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
