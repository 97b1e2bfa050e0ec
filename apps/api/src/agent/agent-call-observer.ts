import { Inject, Injectable } from '@nestjs/common';
import type { Client, QueryDefinition } from '@temporalio/client';
import { callContextQuery, currentStepQuery, type CarrierEvent } from '@switchboard/contracts';
import { TEMPORAL_CLIENT } from '../common/tokens';
import { AgentDirectory } from './agent-directory.service';
import { AgentEventHub } from './agent-events.hub';

/**
 * Watches the carrier's webhooks for browser agents' legs and turns them into the agent's push
 * events and presence: ringing (with the call's screen pop, asked of the call's workflow), connected
 * (on a call), ended or answered elsewhere (available again). The call workflow itself is untouched:
 * this is what the agents see of it.
 */
@Injectable()
export class AgentCallObserver {
  constructor(
    private readonly agents: AgentDirectory,
    private readonly hub: AgentEventHub,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  async observe(e: CarrierEvent): Promise<void> {
    if (e.clientState?.role !== 'agent') return;
    if (!['call.initiated', 'call.bridged', 'call.hangup'].includes(e.type)) return;
    const agent = await this.agents.byDialString(e.to);
    if (!agent) return;
    const workflowId = e.clientState.wf;
    const leg = { callControlId: e.callControlId };
    const push = (name: Parameters<AgentEventHub['publish']>[2], data: Record<string, unknown>) =>
      this.hub.publish(agent.propertyId, agent.agentId, name, data);
    switch (e.type) {
      case 'call.initiated': {
        const outbound = workflowId.startsWith('outbound-');
        const pop = outbound ? null : await this.query(workflowId, callContextQuery);
        push('ringing', {
          ...leg,
          callSessionId: e.callSessionId ?? null,
          outbound,
          ...(pop ?? { from: e.from ?? null }),
        });
        return;
      }
      case 'call.bridged':
        await this.agents.connected(agent, e.callControlId, workflowId);
        push('connected', leg);
        return;
      case 'call.hangup': {
        if (await this.agents.ended(agent, e.callControlId)) return push('ended', leg);
        // A leg hung up before it was bridged: taken by another agent if the call is connected now.
        const progress = await this.query(workflowId, currentStepQuery);
        push(progress?.step === 'connected' ? 'answered_elsewhere' : 'ended', leg);
        return;
      }
      default:
        return;
    }
  }

  private async query<T>(workflowId: string, q: QueryDefinition<T, []>): Promise<T | null> {
    try {
      return await this.client.workflow.getHandle(workflowId).query(q);
    } catch {
      // A finished or unknown workflow has nothing to show; the event still reaches the agent.
      return null;
    }
  }
}
