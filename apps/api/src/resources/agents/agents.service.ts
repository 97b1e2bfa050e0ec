import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson, type AgentEndpoint } from '@switchboard/domain';
import {
  AgentEntity,
  PropertyResourcesRepository,
  type AgentPresence,
  type Tx,
} from '@switchboard/persistence';
import { revokeAgentSessions } from '../../agent/agent-tokens';
import { chooseId } from '../resource-id';
import { ResourceStore, type WriteMode } from '../resource-store';
import { parseEndpoint } from './agent-endpoint';
import type { AgentDto, UpdateAgentDto } from './dto';
import type { AgentView } from './agent.view';

function view(r: AgentEntity): AgentView {
  return {
    propertyId: r.propertyId,
    id: r.id,
    name: r.name,
    endpoint: r.endpoint as AgentEndpoint,
    available: r.available,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** People ring groups ring and voicemail boxes belong to. */
@Injectable()
export class AgentsService {
  private readonly store: ResourceStore<AgentEntity>;
  private readonly resources: PropertyResourcesRepository;

  constructor(ds: DataSource) {
    this.store = new ResourceStore(ds, AgentEntity, 'agent');
    this.resources = new PropertyResourcesRepository(ds);
  }

  async list(propertyId: string, tx?: Tx): Promise<AgentView[]> {
    return (await this.store.list(propertyId, tx)).map(view);
  }

  /**
   * Every agent's live presence, apart from their configuration (which bundles export): what the
   * console polls to show who would be rung now.
   */
  async presence(propertyId: string): Promise<AgentPresence[]> {
    await this.store.propertyExists(propertyId);
    return this.resources.agentPresence(propertyId);
  }

  async get(propertyId: string, id: string): Promise<AgentView> {
    return view(await this.store.get(propertyId, id));
  }

  /** `tx`: write inside that transaction (a bundle) instead of one of its own. */
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
    const row = await this.store.within(tx).write(propertyId, id, mode, async (m, existing) => {
      const endpoint = parseEndpoint(dto.endpoint);
      await this.signOutIfMoved(m, existing, endpoint);
      return { name: dto.name, endpoint, available: dto.available ?? existing?.available ?? true };
    });
    return view(row);
  }

  async update(propertyId: string, id: string, dto: UpdateAgentDto): Promise<AgentView> {
    const row = await this.store.write(propertyId, id, 'update', async (m, existing) => {
      const endpoint = dto.endpoint !== undefined ? parseEndpoint(dto.endpoint) : undefined;
      if (endpoint) await this.signOutIfMoved(m, existing, endpoint);
      return {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(endpoint ? { endpoint } : {}),
        ...(dto.available !== undefined ? { available: dto.available } : {}),
      };
    });
    return view(row);
  }

  /**
   * A new endpoint (phone number or SIP user) revokes the agent's sessions, in the write's
   * transaction: whoever signed in for the old one must not take the new one's calls.
   */
  private async signOutIfMoved(m: EntityManager, existing: AgentEntity | null, endpoint: AgentEndpoint) {
    if (existing && canonicalJson(existing.endpoint) !== canonicalJson(endpoint))
      await revokeAgentSessions(m, existing.propertyId, existing.id);
  }

  remove(propertyId: string, id: string, tx?: Tx): Promise<void> {
    return this.store.within(tx).remove(propertyId, id);
  }
}
