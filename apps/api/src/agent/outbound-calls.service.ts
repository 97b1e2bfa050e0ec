import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { SwitchboardConfig } from '@switchboard/config';
import { OUTBOUND_CALL_WORKFLOW, type OutboundCallInput } from '@switchboard/contracts';
import { TrackingNumberRepository } from '@switchboard/persistence';
import type { AgentIdentity } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { AgentDirectory } from './agent-directory.service';

/** Starts an agent's click-to-call as a durable workflow (workflows/src/outbound-call). */
@Injectable()
export class OutboundCalls {
  constructor(
    private readonly numbers: TrackingNumberRepository,
    private readonly agents: AgentDirectory,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  /** What an agent may call from: their property's tracking numbers, by source name then number. */
  async callerIds(propertyId: string): Promise<{ id: string; number: string; sourceName: string }[]> {
    const numbers = await this.numbers.withSources(propertyId);
    return numbers.map(({ id, number, sourceName }) => ({ id, number, sourceName }));
  }

  async start(me: AgentIdentity, to: string, callerId: string) {
    const agent = await this.agents.get(me.propertyId, me.agentId);
    const number = await this.numbers.findWithSource(me.propertyId, callerId);
    if (!number)
      throw ApiError.invalid([{ field: 'callerId', message: 'is not a tracking number of your property' }]);
    const workflowId = `outbound-${randomUUID()}`;
    const input: OutboundCallInput = {
      propertyId: me.propertyId,
      agentId: me.agentId,
      agentDial: this.agents.dialString(agent),
      to,
      callerId,
      trackingNumberId: number.id,
      sourceId: number.sourceId,
      sourceName: number.sourceName,
      ringTimeoutSecs: this.cfg.calls.ringTimeoutSecs,
    };
    await this.client.workflow.start(OUTBOUND_CALL_WORKFLOW, {
      workflowId,
      taskQueue: this.cfg.temporal.taskQueue,
      args: [input],
      staticSummary: `${agent.name} → ${to} (from ${callerId})`,
    });
    return { workflowId };
  }
}
