import { Injectable } from '@nestjs/common';
import { endpointDialString } from '@switchboard/domain';
import { AgentDirectoryRepository, type AgentRow, type Presence } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { AgentEventHub } from './agent-events.hub';
import type { AgentCallView } from './agent.view';

export type { AgentRow, Presence } from '@switchboard/persistence';

/** Agents as the /agent page and the call observer see them: who, where, and their presence. */
@Injectable()
export class AgentDirectory {
  constructor(
    private readonly agents: AgentDirectoryRepository,
    private readonly hub: AgentEventHub,
  ) {}

  async get(propertyId: string, agentId: string): Promise<AgentRow> {
    const agent = await this.agents.find(propertyId, agentId);
    if (!agent) throw ApiError.notFound('agent', agentId);
    return agent;
  }

  /** The browser agent rung at `sip:<username>@sip.telnyx.com`, if any. */
  async byDialString(to: string | undefined): Promise<AgentRow | null> {
    const username = /^sip:([^@]+)@sip\.telnyx\.com$/i.exec(to ?? '')?.[1];
    if (!username) return null;
    return this.agents.findBySipUsername(username);
  }

  /** What the agent's leg is dialled as: calls answered by it carry this in `answered_by`. */
  dialString(agent: AgentRow): string {
    return endpointDialString(agent.endpoint);
  }

  /** The agent's calls, newest first: inbound calls they answered and calls they placed. */
  async recentCalls(agent: AgentRow, limit: number): Promise<AgentCallView[]> {
    const calls = await this.agents.recentCalls(agent, this.dialString(agent), limit);
    return calls.map((c) => ({
      callId: c.id,
      direction: c.direction,
      from: c.fromNumber,
      to: c.toNumber,
      // The property's number: the one dialled (inbound), or shown as caller id (outbound).
      trackingNumber: c.direction === 'outbound' ? c.fromNumber : c.toNumber,
      source: c.sourceName,
      startedAt: c.startedAt,
      outcome: c.outcome,
      talkSecs: c.talkSecs,
    }));
  }

  async setPresence(agent: Pick<AgentRow, 'propertyId' | 'agentId'>, presence: Presence): Promise<void> {
    await this.agents.setPresence(agent, presence);
    this.hub.publish(agent.propertyId, agent.agentId, 'presence', { presence });
  }

  /**
   * The agent's page is open (its push channel connected, or beating): a browser agent is rung only
   * while it was seen lately (AGENT_PAGE_SEEN_WITHIN_SECS).
   */
  async pageSeen(agent: Pick<AgentRow, 'propertyId' | 'agentId'>): Promise<void> {
    await this.agents.pageSeen(agent);
  }

  /** The agent's leg was bridged: on a call (ring groups skip them) until that leg ends. */
  async connected(agent: AgentRow, callControlId: string, workflowId: string): Promise<void> {
    await this.agents.connected(agent, callControlId, workflowId);
    this.hub.publish(agent.propertyId, agent.agentId, 'presence', { presence: 'on_call' });
  }

  /** The leg that put the agent on a call ended: available again. Returns whether it was that leg. */
  async ended(agent: AgentRow, callControlId: string): Promise<boolean> {
    const wasIt = await this.agents.ended(agent, callControlId);
    if (wasIt) this.hub.publish(agent.propertyId, agent.agentId, 'presence', { presence: 'available' });
    return wasIt;
  }

  async recordCredential(agent: AgentRow, credentialId: string, sipUsername: string): Promise<void> {
    await this.agents.recordCredential(agent, credentialId, sipUsername);
  }
}
