import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CallOutcome, PathEntry } from '@switchboard/contracts';

/** The record of one finished inbound call, written once by its workflow. */
@Entity({ name: 'calls' })
export class CallEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The Temporal workflow that handled the call: makes the write idempotent and links to the Web UI. */
  @Column({ name: 'workflow_id', type: 'text', unique: true })
  workflowId: string;

  @Column({ name: 'call_session_id', type: 'text' })
  callSessionId: string;

  @Column({ name: 'call_control_id', type: 'text' })
  callControlId: string;

  @Column({ name: 'property_id', type: 'uuid', nullable: true })
  propertyId: string | null;

  @Column({ name: 'tracking_number_id', type: 'uuid', nullable: true })
  trackingNumberId: string | null;

  @Column({ name: 'source_id', type: 'uuid', nullable: true })
  sourceId: string | null;

  @Column({ name: 'source_name', type: 'text', nullable: true })
  sourceName: string | null;

  @Column({ name: 'from_number', type: 'text' })
  fromNumber: string;

  @Column({ name: 'to_number', type: 'text' })
  toNumber: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz' })
  endedAt: Date;

  /** Whole call length in seconds, from the carrier's start to its hangup. */
  @Column({ name: 'duration_secs', type: 'integer' })
  durationSecs: number;

  /** Seconds connected to an agent (0 when nobody answered). */
  @Column({ name: 'talk_secs', type: 'integer' })
  talkSecs: number;

  @Column({ type: 'text' })
  outcome: CallOutcome;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'hangup_cause', type: 'text', nullable: true })
  hangupCause: string | null;

  @Column({ type: 'jsonb' })
  path: PathEntry[];

  @Column({ name: 'call_flow_id', type: 'uuid', nullable: true })
  callFlowId: string | null;

  /** The flow version the call ran: edits made during the call did not affect it. */
  @Column({ name: 'call_flow_version', type: 'integer', nullable: true })
  callFlowVersion: number | null;

  @Column({ name: 'recording_url', type: 'text', nullable: true })
  recordingUrl: string | null;

  /** The box a voicemail was left in (outcome `voicemail`). */
  @Column({ name: 'voicemail_box_id', type: 'text', nullable: true })
  voicemailBoxId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
