import { In, type DataSource } from 'typeorm';
import type { CallRecordInput } from '@switchboard/contracts';
import { secondsBetween, type AgentEndpoint } from '@switchboard/domain';
import { CallEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';

/** The record's visit attribution columns, in INSERT order (all null for calls without one). */
function attributionColumns(r: CallRecordInput): unknown[] {
  const a = r.attribution;
  return [
    a?.sessionId ?? null,
    a?.keyword ?? null,
    a?.campaign ?? null,
    a?.landingPage ?? null,
    a?.activePage ?? null,
    a?.referrer ?? null,
    a?.utmSource ?? null,
    a?.utmMedium ?? null,
    a?.utmCampaign ?? null,
    a?.utmTerm ?? null,
    a?.utmContent ?? null,
    a?.kind ?? null,
    a ? a.priorCalls : null,
  ];
}

export interface CallListFilter {
  /**
   * Calls of these properties only (the caller's reach, already narrowed by its filters); null is
   * the platform operator's view, every call including those no property owns.
   */
  propertyIds: readonly string[] | null;
  callSessionId?: string;
  limit: number;
  offset: number;
}

/** The agent a call's record names (libs/domain's callAgentOf picks it). */
export interface CallAgent {
  id: string;
  name: string;
}

/** Finished calls: written once per workflow, read by the call log. */
export class CallRecordRepository {
  constructor(private readonly ds: DataSource) {}

  /** The property's agents with their endpoints, by id: who a call's record may name. */
  async agentsOf(propertyId: string, tx?: Tx): Promise<(CallAgent & { endpoint: AgentEndpoint })[]> {
    return managerOf(this.ds, tx).query(
      `SELECT id, name, endpoint FROM agents WHERE property_id = $1 ORDER BY id`,
      [propertyId],
    );
  }

  /**
   * Writes the record, idempotent on workflow id: a retried activity rewrites the same row instead
   * of adding one (`inserted` false), keeping the columns the call's start fixed.
   */
  async upsert(
    r: CallRecordInput,
    agent: CallAgent | null,
    tx?: Tx,
  ): Promise<{ id: string; inserted: boolean }> {
    const [call]: { id: string; inserted: boolean }[] = await managerOf(this.ds, tx).query(
      `INSERT INTO calls (workflow_id, call_session_id, call_control_id, property_id, tracking_number_id, source_id,
                          source_name, from_number, to_number, started_at, answered_at, ended_at, duration_secs,
                          talk_secs, outcome, answered_by, hangup_cause, path, call_flow_id, call_flow_version,
                          recording_url, voicemail_box_id, session_id, keyword, campaign, landing_page,
                          active_page, referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
                          attribution, prior_calls, direction, agent_id, agent_name, disclosure_played,
                          disclosure_played_at, recording_started_at, recording_pauses)
       VALUES ($1,$2,$3,
               -- Looked up, not trusted: a number released (or a source or property deleted) while the
               -- call ran leaves its id null rather than failing the foreign key on every retry.
               (SELECT id FROM properties WHERE id = $4::uuid),
               (SELECT id FROM tracking_numbers WHERE id = $5::uuid),
               (SELECT id FROM tracking_sources WHERE id = $6::uuid),
               $7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,
               $23,$24,$25,$26,$27,$28,$29,$30,$31,$32,$33,$34,$35,$36,$37,$38,$39,$40,$41,$42)
       ON CONFLICT (workflow_id) DO UPDATE SET
         answered_at = EXCLUDED.answered_at, ended_at = EXCLUDED.ended_at, duration_secs = EXCLUDED.duration_secs,
         talk_secs = EXCLUDED.talk_secs, outcome = EXCLUDED.outcome, answered_by = EXCLUDED.answered_by,
         hangup_cause = EXCLUDED.hangup_cause, path = EXCLUDED.path, recording_url = EXCLUDED.recording_url,
         voicemail_box_id = EXCLUDED.voicemail_box_id, agent_id = EXCLUDED.agent_id,
         agent_name = EXCLUDED.agent_name, disclosure_played = EXCLUDED.disclosure_played,
         disclosure_played_at = EXCLUDED.disclosure_played_at,
         recording_started_at = EXCLUDED.recording_started_at, recording_pauses = EXCLUDED.recording_pauses
       -- xmax is 0 on a row this statement inserted, the updating transaction on one it rewrote.
       RETURNING id, (xmax = 0) AS inserted`,
      [
        r.workflowId,
        r.callSessionId,
        r.callControlId,
        r.propertyId,
        r.trackingNumberId,
        r.sourceId,
        r.sourceName,
        r.from,
        r.to,
        r.startedAt,
        r.answeredAt,
        r.endedAt,
        // Never answered: no talk time.
        secondsBetween(r.startedAt, r.endedAt) ?? 0,
        secondsBetween(r.answeredAt, r.endedAt) ?? 0,
        r.outcome,
        r.answeredBy,
        r.hangupCause,
        JSON.stringify(r.path),
        r.callFlowId ?? null,
        r.callFlowVersion ?? null,
        r.recordingUrl ?? null,
        r.voicemailBoxId ?? null,
        ...attributionColumns(r),
        r.direction ?? 'inbound',
        agent?.id ?? r.agentId ?? null,
        agent?.name ?? null,
        r.disclosure?.played ?? null,
        r.disclosure?.at ?? null,
        r.recordingStartedAt ?? null,
        JSON.stringify(r.recordingPauses ?? []),
      ],
    );
    return call;
  }

  async list(f: CallListFilter): Promise<{ items: CallEntity[]; total: number }> {
    const [items, total] = await this.ds.getRepository(CallEntity).findAndCount({
      where: {
        ...(f.propertyIds !== null ? { propertyId: In([...f.propertyIds]) } : {}),
        ...(f.callSessionId ? { callSessionId: f.callSessionId } : {}),
      },
      order: { startedAt: 'DESC', id: 'DESC' },
      take: f.limit,
      skip: f.offset,
    });
    return { items, total };
  }

  async findById(id: string): Promise<CallEntity | null> {
    return this.ds.getRepository(CallEntity).findOne({ where: { id } });
  }

  async findByWorkflowId(workflowId: string): Promise<CallEntity | null> {
    return this.ds.getRepository(CallEntity).findOne({ where: { workflowId } });
  }
}
