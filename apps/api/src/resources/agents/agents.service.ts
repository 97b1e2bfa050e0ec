import { Injectable } from '@nestjs/common';
import { canonicalJson, type AgentEndpoint } from '@switchboard/domain';
import {
  AgentRepository,
  AgentSessionRepository,
  PropertyResourcesRepository,
  type AgentEntity,
  type AgentPresence,
  type Tx,
} from '@switchboard/persistence';
import { chooseId } from '../resource-id';
import { ResourceService, type WriteMode } from '../resource-service';
import { parseEndpoint } from './agent-endpoint';
import type { AgentDto, UpdateAgentDto } from './dto';
import type { AgentView } from './agent.view';

/** People ring groups ring and voicemail boxes belong to. */
@Injectable()
export class AgentsService extends ResourceService<AgentEntity, AgentView> {
  constructor(
    private readonly agents: AgentRepository,
    private readonly resources: PropertyResourcesRepository,
    private readonly sessions: AgentSessionRepository,
  ) {
    super('agent', agents);
  }

  protected fields(r: AgentEntity) {
    return { endpoint: r.endpoint as AgentEndpoint, available: r.available };
  }

  /**
   * Every agent's live presence, apart from their configuration (which bundles export): what the
   * console polls to show who would be rung now.
   */
  async presence(propertyId: string): Promise<AgentPresence[]> {
    await this.propertyExists(propertyId);
    return this.resources.agentPresence(propertyId);
  }

  async save(
    propertyId: string,
    dto: AgentDto,
    mode: WriteMode,
    pathId?: string,
    tx?: Tx,
  ): Promise<AgentView> {
    const id = chooseId(dto, pathId);
    // Availability is the agent's own state more than configuration: a replace that does not
    // mention it (a bundle applied again) leaves it as the agent set it.
    return this.write(
      propertyId,
      id,
      mode,
      async (existing, t) => {
        const endpoint = parseEndpoint(dto.endpoint);
        await this.signOutIfMoved(existing, endpoint, t);
        return { name: dto.name, endpoint, available: dto.available ?? existing?.available ?? true };
      },
      tx,
    );
  }

  update(propertyId: string, id: string, dto: UpdateAgentDto): Promise<AgentView> {
    return this.write(propertyId, id, 'update', async (existing, t) => {
      const endpoint = dto.endpoint !== undefined ? parseEndpoint(dto.endpoint) : undefined;
      if (endpoint) await this.signOutIfMoved(existing, endpoint, t);
      return {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(endpoint ? { endpoint } : {}),
        ...(dto.available !== undefined ? { available: dto.available } : {}),
      };
    });
  }

  /**
   * A new endpoint (phone number or SIP user) revokes the agent's sessions, in the write's
   * transaction: whoever signed in for the old one must not take the new one's calls.
   */
  private async signOutIfMoved(existing: AgentEntity | null, endpoint: AgentEndpoint, tx: Tx) {
    if (existing && canonicalJson(existing.endpoint) !== canonicalJson(endpoint))
      await this.sessions.revokeAllOf(existing.propertyId, existing.id, tx);
  }
}
