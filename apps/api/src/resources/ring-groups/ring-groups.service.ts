import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validateRingGroup, type AgentEndpoint, type RingGroup } from '@switchboard/domain';
import {
  AgentEntity,
  PropertyResourcesRepository,
  RingGroupEntity,
  type StoredRingGroup,
  type Tx,
} from '@switchboard/persistence';
import { ApiError, type FieldError } from '../../common/api-error';
import { issueField, runDomainCheck } from '../../common/domain-issues';
import { plain } from '../dto-fields';
import { chooseId } from '../resource-id';
import { ResourceStore, type WriteMode } from '../resource-store';
import type { RingGroupDto } from './dto';
import type { RingGroupView } from './ring-group.view';

function view(r: RingGroupEntity): RingGroupView {
  return {
    propertyId: r.propertyId,
    id: r.id,
    name: r.name,
    ...(r.definition as StoredRingGroup),
    rotationPointer: r.rotationPointer,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Agents rung together or in turn by ring-group steps of call flows. */
@Injectable()
export class RingGroupsService {
  private readonly store: ResourceStore<RingGroupEntity>;
  private readonly resources: PropertyResourcesRepository;

  constructor(ds: DataSource) {
    this.store = new ResourceStore(ds, RingGroupEntity, 'ring_group');
    this.resources = new PropertyResourcesRepository(ds);
  }

  async list(propertyId: string, tx?: Tx): Promise<RingGroupView[]> {
    return (await this.store.list(propertyId, tx)).map(view);
  }

  async get(propertyId: string, id: string): Promise<RingGroupView> {
    return view(await this.store.get(propertyId, id));
  }

  /**
   * The group is composed with its members' endpoints and checked by libs/domain's
   * validateRingGroup, prompts against the property's audio. It is stored without id and name
   * (those are columns); a replace keeps the rotation where it is unless the body sets it.
   * `tx`: write inside that transaction (a bundle) instead of one of its own.
   */
  async save(
    propertyId: string,
    dto: RingGroupDto,
    mode: WriteMode,
    pathId?: string,
    tx?: Tx,
  ): Promise<RingGroupView> {
    const id = chooseId(dto, pathId);
    const { id: _id, name, rotationPointer, ...definition } = plain(dto) as RingGroupDto & StoredRingGroup;
    let warnings: FieldError[] = [];
    const row = await this.store.within(tx).write(propertyId, id, mode, async (m) => {
      const agents = new Map(
        (await m.getRepository(AgentEntity).find({ where: { propertyId } })).map((a) => [
          a.id,
          a.endpoint as AgentEndpoint,
        ]),
      );
      const unknown = definition.members.flatMap((mb, i) => (agents.has(mb.agentId) ? [] : [i]));
      const group = {
        ...definition,
        id,
        name,
        members: definition.members.map((mb) => ({ ...mb, endpoint: agents.get(mb.agentId) })),
      } as RingGroup;
      const { audioIds } = await this.resources.resourceIds(propertyId, m);
      const report = runDomainCheck('body', () => validateRingGroup(group, { audioIds }));
      // An unknown agent has no endpoint either; saying it does not exist is enough.
      const noEndpoint = new Set(unknown.map((i) => `members[${i}].endpoint`));
      const errors: FieldError[] = [
        ...unknown.map((i) => ({
          field: `members[${i}].agentId`,
          message: `agent "${definition.members[i].agentId}" does not exist in this property`,
        })),
        ...report.errors.filter((e) => !noEndpoint.has(e.path)).map((e) => issueField(e)),
      ];
      if (errors.length) throw ApiError.invalid(errors);
      warnings = report.warnings.map((e) => issueField(e));
      return { name, definition, ...(rotationPointer !== undefined ? { rotationPointer } : {}) };
    });
    return { ...view(row), warnings };
  }

  remove(propertyId: string, id: string, tx?: Tx): Promise<void> {
    return this.store.within(tx).remove(propertyId, id);
  }
}
