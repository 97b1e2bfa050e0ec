import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { endpointDialString, type AgentEndpoint } from '@switchboard/domain';
import { ApiError } from '../common/api-error';
import { AgentEventHub } from './agent-events.hub';

export type Presence = 'available' | 'away' | 'on_call' | 'offline';

export interface AgentRow {
  propertyId: string;
  propertyName: string;
  agentId: string;
  name: string;
  endpoint: AgentEndpoint;
  presence: Presence;
  currentCallControlId: string | null;
  telnyxCredentialId: string | null;
}

const AGENT_COLUMNS = `a.property_id AS "propertyId", p.name AS "propertyName", a.id AS "agentId", a.name, a.endpoint, a.presence,
  a.current_call_control_id AS "currentCallControlId", a.telnyx_credential_id AS "telnyxCredentialId"`;

/** Agents as the /agent page and the call observer see them: who, where, and their presence. */
@Injectable()
export class AgentDirectory {
  constructor(
    private readonly ds: DataSource,
    private readonly hub: AgentEventHub,
  ) {}

  async get(propertyId: string, agentId: string): Promise<AgentRow> {
    const rows: AgentRow[] = await this.ds.query(
      `SELECT ${AGENT_COLUMNS} FROM agents a JOIN properties p ON p.id = a.property_id
        WHERE a.property_id = $1 AND a.id = $2`,
      [propertyId, agentId],
    );
    if (!rows[0]) throw ApiError.notFound('agent', agentId);
    return rows[0];
  }

  /** The browser agent rung at `sip:<username>@sip.telnyx.com`, if any. */
  async byDialString(to: string | undefined): Promise<AgentRow | null> {
    const username = /^sip:([^@]+)@sip\.telnyx\.com$/i.exec(to ?? '')?.[1];
    if (!username) return null;
    const rows: AgentRow[] = await this.ds.query(
      `SELECT ${AGENT_COLUMNS} FROM agents a JOIN properties p ON p.id = a.property_id
        WHERE a.endpoint->>'kind' = 'webrtc' AND a.endpoint->>'username' = $1 LIMIT 1`,
      [username],
    );
    return rows[0] ?? null;
  }

  /** What the agent's leg is dialled as: calls answered by it carry this in `answered_by`. */
  dialString(agent: AgentRow): string {
    return endpointDialString(agent.endpoint);
  }

  async setPresence(agent: Pick<AgentRow, 'propertyId' | 'agentId'>, presence: Presence): Promise<void> {
    await this.ds.query(
      `UPDATE agents SET presence = $3, updated_at = now(),
              current_call_control_id = CASE WHEN $3 = 'on_call' THEN current_call_control_id ELSE NULL END
        WHERE property_id = $1 AND id = $2`,
      [agent.propertyId, agent.agentId, presence],
    );
    this.hub.publish(agent.propertyId, agent.agentId, 'presence', { presence });
  }

  /**
   * The agent's page is open (its push channel connected, or beating): a browser agent is rung only
   * while it was seen lately (AGENT_PAGE_SEEN_WITHIN_SECS).
   */
  async pageSeen(agent: Pick<AgentRow, 'propertyId' | 'agentId'>): Promise<void> {
    await this.ds.query(`UPDATE agents SET page_seen_at = now() WHERE property_id = $1 AND id = $2`, [
      agent.propertyId,
      agent.agentId,
    ]);
  }

  /** The agent's leg was bridged: on a call (ring groups skip them) until that leg ends. */
  async connected(agent: AgentRow, callControlId: string): Promise<void> {
    await this.ds.query(
      `UPDATE agents SET presence = 'on_call', current_call_control_id = $3 WHERE property_id = $1 AND id = $2`,
      [agent.propertyId, agent.agentId, callControlId],
    );
    this.hub.publish(agent.propertyId, agent.agentId, 'presence', { presence: 'on_call' });
  }

  /** The leg that put the agent on a call ended: available again. Returns whether it was that leg. */
  async ended(agent: AgentRow, callControlId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `WITH u AS (
         UPDATE agents SET presence = 'available', current_call_control_id = NULL
          WHERE property_id = $1 AND id = $2 AND current_call_control_id = $3 RETURNING id)
       SELECT id FROM u`,
      [agent.propertyId, agent.agentId, callControlId],
    );
    if (rows.length > 0)
      this.hub.publish(agent.propertyId, agent.agentId, 'presence', { presence: 'available' });
    return rows.length > 0;
  }

  async recordCredential(agent: AgentRow, credentialId: string, sipUsername: string): Promise<void> {
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
}
