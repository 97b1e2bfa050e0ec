import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CallOutcome, PathEntry, RecordingPause } from '@switchboard/contracts';
import type { LeadStatus } from '@switchboard/domain';

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

  /**
   * The endpoint that answered, as dialled: a number, a SIP URI, a browser agent's
   * `sip:<username>@sip.telnyx.com` (the callee's number for an outbound call). The agent it
   * belongs to is `agentId`/`agentName`.
   */
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

  /** The website visit (DNI session) the call was attributed to, when it dialled a pool number. */
  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId: string | null;

  /** The visit's search keyword (utm_term, else the landing page's `q`). */
  @Column({ type: 'text', nullable: true })
  keyword: string | null;

  /** The visit's campaign (utm_campaign). */
  @Column({ type: 'text', nullable: true })
  campaign: string | null;

  @Column({ name: 'landing_page', type: 'text', nullable: true })
  landingPage: string | null;

  /** The page the visitor last viewed before calling. */
  @Column({ name: 'active_page', type: 'text', nullable: true })
  activePage: string | null;

  @Column({ type: 'text', nullable: true })
  referrer: string | null;

  @Column({ name: 'utm_source', type: 'text', nullable: true })
  utmSource: string | null;

  @Column({ name: 'utm_medium', type: 'text', nullable: true })
  utmMedium: string | null;

  @Column({ name: 'utm_campaign', type: 'text', nullable: true })
  utmCampaign: string | null;

  @Column({ name: 'utm_term', type: 'text', nullable: true })
  utmTerm: string | null;

  @Column({ name: 'utm_content', type: 'text', nullable: true })
  utmContent: string | null;

  /**
   * How a call to a pool number found its visit: `session` (held at the call's start), `lookback`
   * (last holder within the window), `ambiguous` (number shared on exhaustion), `none`; null: the
   * number is not a pool number.
   */
  @Column({ type: 'text', nullable: true })
  attribution: 'session' | 'lookback' | 'ambiguous' | 'none' | null;

  /** Earlier calls from this caller id, account-wide; 0 for anonymous callers: never repeat. */
  @Column({ name: 'prior_calls', type: 'integer', nullable: true })
  priorCalls: number | null;

  /** 0–100 by the property's scoring rules or by hand; null while the property has no rules. */
  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  @Column({ name: 'lead_status', type: 'text' })
  leadStatus: LeadStatus;

  /** `manual` once a person set the score: rule changes then leave the call alone. */
  @Column({ name: 'score_source', type: 'text' })
  scoreSource: 'rules' | 'manual';

  /** Names of the scoring rules that matched. */
  @Column({ name: 'score_reasons', type: 'jsonb' })
  scoreReasons: string[];

  @Column({ type: 'text' })
  direction: 'inbound' | 'outbound';

  /**
   * The agent of the call (an agent id of the property): who answered an inbound call, at their
   * phone or in the browser, or who placed an outbound one. Null when nobody answered, or when the
   * number that answered is no agent's.
   */
  @Column({ name: 'agent_id', type: 'text', nullable: true })
  agentId: string | null;

  /** That agent's name when the call was recorded. */
  @Column({ name: 'agent_name', type: 'text', nullable: true })
  agentName: string | null;

  /** Text of the conversation from a transcription service, when one was attached. */
  @Column({ type: 'text', nullable: true })
  transcript: string | null;

  /**
   * Whether the recording disclosure the call owed its caller was played (false: its audio file
   * was gone, or the caller left first); null when none applied.
   */
  @Column({ name: 'disclosure_played', type: 'boolean', nullable: true })
  disclosurePlayed: boolean | null;

  /** When the disclosure finished playing (carrier clock). */
  @Column({ name: 'disclosure_played_at', type: 'timestamptz', nullable: true })
  disclosurePlayedAt: Date | null;

  /** When the flow's conversation recording started; null: the conversation was not recorded. */
  @Column({ name: 'recording_started_at', type: 'timestamptz', nullable: true })
  recordingStartedAt: Date | null;

  /** Pauses agents made in the conversation recording, in order (carrier-clock ISO instants). */
  @Column({ name: 'recording_pauses', type: 'jsonb', default: () => "'[]'::jsonb" })
  recordingPauses: RecordingPause[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
