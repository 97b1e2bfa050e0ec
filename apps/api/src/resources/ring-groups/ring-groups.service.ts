import { Injectable } from '@nestjs/common';
import { validateRingGroup, type AgentEndpoint, type RingGroup } from '@switchboard/domain';
import {
  AgentRepository,
  PropertyResourcesRepository,
  RingGroupRepository,
  type RingGroupEntity,
  type StoredRingGroup,
  type Tx,
} from '@switchboard/persistence';
import { ApiError, type FieldError } from '../../common/api-error';
import { issueField, runDomainCheck } from '../../common/domain-issues';
import { plain } from '../dto-fields';
import { chooseId } from '../resource-id';
import { ResourceService, type WriteMode } from '../resource-service';
import type { RingGroupDto } from './dto';
import type { RingGroupView } from './ring-group.view';

/** Agents rung together or in turn by ring-group steps of call flows. */
@Injectable()
export class RingGroupsService extends ResourceService<RingGroupEntity, RingGroupView> {
  constructor(
    groups: RingGroupRepository,
    private readonly agents: AgentRepository,
    private readonly resources: PropertyResourcesRepository,
  ) {
    super('ring_group', groups);
  }

  protected fields(r: RingGroupEntity) {
    return { ...(r.definition as StoredRingGroup), rotationPointer: r.rotationPointer };
  }

  /**
   * The group is composed with its members' endpoints and checked by libs/domain's
   * validateRingGroup, prompts against the property's audio. It is stored without id and name
   * (those are columns); a replace keeps the rotation where it is unless the body sets it.
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
    const saved = await this.write(
      propertyId,
      id,
      mode,
      async (_existing, t) => {
        const agents = new Map(
          (await this.agents.list(propertyId, t)).map((a) => [a.id, a.endpoint as AgentEndpoint]),
        );
        const unknown = definition.members.flatMap((mb, i) => (agents.has(mb.agentId) ? [] : [i]));
        const group = {
          ...definition,
          id,
          name,
          members: definition.members.map((mb) => ({ ...mb, endpoint: agents.get(mb.agentId) })),
        } as RingGroup;
        const { audioIds } = await this.resources.resourceIds(propertyId, t);
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
      },
      tx,
    );
    return { ...saved, warnings };
  }
}
