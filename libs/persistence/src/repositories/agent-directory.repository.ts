import type { DataSource } from 'typeorm';
import type { AgentEndpoint } from '@switchboard/domain';
import type { CallEntity } from '../entities';

export type Presence = 'available' | 'away' | 'on_call' | 'offline';

/** An agent as the /agent page and the call observer see them: who, where, and their presence. */
export interface AgentRow {
  propertyId: string;
  propertyName: string;
  agentId: string;
  name: string;
  endpoint: AgentEndpoint;
  presence: Presence;
  currentCallControlId: string | null;
  /** The workflow of the call that leg belongs to (recording pauses are asked of it). */
  currentCallWorkflowId: string | null;
  telnyxCredentialId: string | null;
}

/** A call of an agent's, as their page lists it. */
export type AgentCall = Pick<
  CallEntity,
  'id' | 'direction' | 'fromNumber' | 'toNumber' | 'sourceName' | 'startedAt' | 'outcome' | 'talkSecs'
>;

type AgentKey = Pick<AgentRow, 'propertyId' | 'agentId'>;

const AGENT_COLUMNS = `a.property_id AS "propertyId", p.name AS "propertyName", a.id AS "agentId", a.name, a.endpoint, a.presence,
  a.current_call_control_id AS "currentCallControlId", a.current_call_workflow_id AS "currentCallWorkflowId",
  a.telnyx_credential_id AS "telnyxCredentialId"`;

/** Agents' presence and the state of their browser leg, and the calls they took or placed. */
export class AgentDirectoryRepository {
  constructor(private readonly ds: DataSource) {}

  /** The property's agent, or null. */
  async find(propertyId: string, agentId: string): Promise<AgentRow | null> {
    const rows: AgentRow[] = await this.ds.query(
      `SELECT ${AGENT_COLUMNS} FROM agents a JOIN properties p ON p.id = a.property_id
        WHERE a.property_id = $1 AND a.id = $2`,
      [propertyId, agentId],
    );
    return rows[0] ?? null;
  }

  /** The browser agent with this SIP username, or null. */
  async findBySipUsername(username: string): Promise<AgentRow | null> {
    const rows: AgentRow[] = await this.ds.query(
      `SELECT ${AGENT_COLUMNS} FROM agents a JOIN properties p ON p.id = a.property_id
        WHERE a.endpoint->>'kind' = 'webrtc' AND a.endpoint->>'username' = $1 LIMIT 1`,
      [username],
    );
    return rows[0] ?? null;
  }

  /** Sets the presence; the current call is kept only while on a call. */
  async setPresence(agent: AgentKey, presence: Presence): Promise<void> {
    await this.ds.query(
      `UPDATE agents SET presence = $3, updated_at = now(),
              current_call_control_id = CASE WHEN $3 = 'on_call' THEN current_call_control_id ELSE NULL END,
              current_call_workflow_id = CASE WHEN $3 = 'on_call' THEN current_call_workflow_id ELSE NULL END
        WHERE property_id = $1 AND id = $2`,
      [agent.propertyId, agent.agentId, presence],
    );
  }

  async pageSeen(agent: AgentKey): Promise<void> {
    await this.ds.query(`UPDATE agents SET page_seen_at = now() WHERE property_id = $1 AND id = $2`, [
      agent.propertyId,
      agent.agentId,
    ]);
  }

  /** On a call on this leg, of the call workflow `workflowId`. */
  async connected(agent: AgentKey, callControlId: string, workflowId: string): Promise<void> {
    await this.ds.query(
      `UPDATE agents SET presence = 'on_call', current_call_control_id = $3, current_call_workflow_id = $4
        WHERE property_id = $1 AND id = $2`,
      [agent.propertyId, agent.agentId, callControlId, workflowId],
    );
  }

  /** Available again if this leg is the one the agent is on a call on; answers whether it was. */
  async ended(agent: AgentKey, callControlId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `WITH u AS (
         UPDATE agents SET presence = 'available', current_call_control_id = NULL, current_call_workflow_id = NULL
          WHERE property_id = $1 AND id = $2 AND current_call_control_id = $3 RETURNING id)
       SELECT id FROM u`,
      [agent.propertyId, agent.agentId, callControlId],
    );
    return rows.length > 0;
  }

  /** The agent's Telnyx credential, and the browser endpoint (SIP username) it gives them. */
  async recordCredential(agent: AgentKey, credentialId: string, sipUsername: string): Promise<void> {
    await this.ds.query(
      `UPDATE agents SET telnyx_credential_id = $3, endpoint = $4::jsonb, updated_at = now()
        WHERE property_id = $1 AND id = $2`,
      [
        agent.propertyId,
        agent.agentId,
        credentialId,
        JSON.stringify({ kind: 'webrtc', username: sipUsername }),
      ],
    );
  }

  /**
   * The agent's latest calls, newest first: inbound calls answered at `dialString` (what the agent's
   * leg is dialled as) and calls they placed.
   */
  async recentCalls(agent: AgentKey, dialString: string, limit: number): Promise<AgentCall[]> {
    const rows: AgentCall[] = await this.ds.query(
      `SELECT id, direction, from_number AS "fromNumber", to_number AS "toNumber", source_name AS "sourceName",
              started_at AS "startedAt", outcome, talk_secs AS "talkSecs"
         FROM calls
        WHERE property_id = $1 AND (agent_id = $2 OR (direction = 'inbound' AND answered_by = $3))
        ORDER BY started_at DESC LIMIT $4`,
      [agent.propertyId, agent.agentId, dialString, limit],
    );
    return rows;
  }
}
