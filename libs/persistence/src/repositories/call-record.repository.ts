import { In, type DataSource, type EntityManager } from 'typeorm';
import type { CallRecordInput } from '@switchboard/contracts';
import { endpointDialString, type AgentEndpoint } from '@switchboard/domain';
import { CallEntity } from '../entities';
import { addCallToRollup, holdPropertyRollup, recountRollupDayOf } from '../reports/call-rollup';
import { scoreSavedCall } from './call-scoring.repository';
import { addVoicemailMessage, leftVoicemail } from './voicemail-message.repository';

function secondsBetween(from: string | null, to: string): number {
  if (!from) return 0;
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

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

interface CallAgent {
  id: string;
  name: string;
}

/**
 * The call's agent: the one who placed it (outbound), or the one whose endpoint answered it (an
 * inbound call's `answeredBy` is the destination dialled: a number, a SIP URI, a browser agent's
 * `sip:<username>@sip.telnyx.com`). Looked up when the record is written, like the source: phone
 * agents and browser agents alike, whatever step (ring group or forward) rang them. Two agents
 * sharing a number: the first by id.
 */
async function callAgent(m: EntityManager, r: CallRecordInput): Promise<CallAgent | null> {
  if (!r.propertyId || (!r.agentId && !r.answeredBy)) return null;
  const agents: (CallAgent & { endpoint: AgentEndpoint })[] = await m.query(
    `SELECT id, name, endpoint FROM agents WHERE property_id = $1 ORDER BY id`,
    [r.propertyId],
  );
  if (r.agentId) return agents.find((a) => a.id === r.agentId) ?? null;
  return agents.find((a) => endpointDialString(a.endpoint) === r.answeredBy) ?? null;
}

/** Finished calls: written once per workflow, read by the call log. */
export class CallRecordRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Idempotent on workflow id: a retried activity rewrites the same row instead of adding one. A
   * call that left a voicemail gets its box message in the same transaction (once, see
   * addVoicemailMessage), so there is never a voicemail record without its message or the reverse.
   * The daily rollup follows in the same transaction: a new call is added to its cell; a rewritten
   * one (its outcome may differ) has its local day recounted, so it never counts twice.
   */
  async saveFinished(r: CallRecordInput): Promise<void> {
    await this.ds.transaction(async (m) => {
      if (r.propertyId) await holdPropertyRollup(m, r.propertyId);
      const agent = await callAgent(m, r);
      const [call] = (await this.insert(m, r, agent)) as { id: string; inserted: boolean }[];
      if (call.inserted) await addCallToRollup(m, call.id);
      else await recountRollupDayOf(m, call.id);
      if (leftVoicemail(r)) await addVoicemailMessage(m, call.id, r);
      await scoreSavedCall(m, call.id);
    });
  }

  private insert(m: EntityManager, r: CallRecordInput, agent: CallAgent | null): Promise<unknown> {
    return m.query(
      `INSERT INTO calls (workflow_id, call_session_id, call_control_id, property_id, tracking_number_id, source_id,
                          source_name, from_number, to_number, started_at, answered_at, ended_at, duration_secs,
                          talk_secs, outcome, answered_by, hangup_cause, path, call_flow_id, call_flow_version,
                          recording_url, voicemail_box_id, session_id, keyword, campaign, landing_page,
                          active_page, referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
                          attribution, prior_calls, direction, agent_id, agent_name)
       VALUES ($1,$2,$3,
               -- Looked up, not trusted: a number released (or a source or property deleted) while the
               -- call ran leaves its id null rather than failing the foreign key on every retry.
               (SELECT id FROM properties WHERE id = $4::uuid),
               (SELECT id FROM tracking_numbers WHERE id = $5::uuid),
               (SELECT id FROM tracking_sources WHERE id = $6::uuid),
               $7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,
               $23,$24,$25,$26,$27,$28,$29,$30,$31,$32,$33,$34,$35,$36,$37,$38)
       ON CONFLICT (workflow_id) DO UPDATE SET
         answered_at = EXCLUDED.answered_at, ended_at = EXCLUDED.ended_at, duration_secs = EXCLUDED.duration_secs,
         talk_secs = EXCLUDED.talk_secs, outcome = EXCLUDED.outcome, answered_by = EXCLUDED.answered_by,
         hangup_cause = EXCLUDED.hangup_cause, path = EXCLUDED.path, recording_url = EXCLUDED.recording_url,
         voicemail_box_id = EXCLUDED.voicemail_box_id, agent_id = EXCLUDED.agent_id,
         agent_name = EXCLUDED.agent_name
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
        secondsBetween(r.startedAt, r.endedAt),
        secondsBetween(r.answeredAt, r.endedAt),
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
      ],
    );
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

  /** The property's agents' names and where they are rung, by id descending. */
  async agentEndpoints(propertyId: string): Promise<{ name: string; endpoint: AgentEndpoint }[]> {
    return this.ds.query<{ name: string; endpoint: AgentEndpoint }[]>(
      `SELECT name, endpoint FROM agents WHERE property_id = $1 ORDER BY id DESC`,
      [propertyId],
    );
  }
}
