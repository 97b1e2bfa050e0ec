import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  buildCallerContext,
  canonicalJson,
  dryRun,
  flowToMermaid,
  flowToSvg,
  type AgentAvailability,
  type CallFlow,
  validateRingGroup,
  validateSchedule,
  type RingGroup,
  type Schedule,
  type ValidationReport,
} from '@switchboard/domain';
import {
  CallFlowEntity,
  CallFlowVersionEntity,
  managerOf,
  PropertyEntity,
  PropertyResourcesRepository,
  type Tx,
} from '@switchboard/persistence';
import { isUniqueViolation } from '../common/db-errors';
import { ApiError, type FieldError } from '../common/api-error';
import { lockProperty } from '../common/property-lock';
import type { SaveCallFlowDto, SimulateCallFlowDto, UpdateCallFlowDto } from './dto';
import type {
  CallFlowDefinition,
  CallFlowDiagram,
  CallFlowVersionSummary,
  CallFlowView,
} from './call-flow.view';
import { checkFlowDefinition } from './flow-definition';
import type { CallFlowSimulation } from './simulation.view';

/** What saving a flow by name did: a new flow, a new version, or nothing (the same definition). */
export type FlowChange = 'created' | 'updated' | 'unchanged';

/** Validates inline schedules or ring groups with the domain's own checks; 422 naming each problem. */
function checkEach(
  field: string,
  items: Record<string, unknown> | undefined,
  check: (x: unknown) => ValidationReport,
) {
  const errors: FieldError[] = [];
  for (const [id, item] of Object.entries(items ?? {})) {
    if (typeof item !== 'object' || item === null) {
      errors.push({ field: `${field}.${id}`, message: 'must be an object' });
      continue;
    }
    try {
      for (const e of check(item).errors)
        errors.push({ field: `${field}.${id}.${e.path}`, message: e.message });
    } catch {
      errors.push({ field: `${field}.${id}`, message: 'is malformed' });
    }
  }
  if (errors.length) throw ApiError.invalid(errors);
}

/** Call flows as data: every save is a new immutable version; calls run the version they start on. */
@Injectable()
export class CallFlowsService {
  private readonly resources: PropertyResourcesRepository;

  constructor(private readonly ds: DataSource) {
    this.resources = new PropertyResourcesRepository(ds);
  }

  private async property(propertyId: string): Promise<PropertyEntity> {
    const p = await this.ds.getRepository(PropertyEntity).findOne({ where: { id: propertyId } });
    if (!p) throw ApiError.notFound('property', propertyId);
    return p;
  }

  private async flowRow(m: EntityManager, propertyId: string, flowId: string, lock = false) {
    const row = await m.getRepository(CallFlowEntity).findOne({
      where: { id: flowId, propertyId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) throw ApiError.notFound('call flow', flowId);
    return row;
  }

  private async versionRow(flowId: string, version: number): Promise<CallFlowVersionEntity> {
    const v = await this.ds.getRepository(CallFlowVersionEntity).findOne({ where: { flowId, version } });
    if (!v) throw ApiError.notFound('call flow version', String(version));
    return v;
  }

  private view(f: CallFlowEntity, v: CallFlowVersionEntity, warnings?: FieldError[]): CallFlowView {
    return {
      id: f.id,
      propertyId: f.propertyId,
      name: f.name,
      version: v.version,
      currentVersion: f.currentVersion,
      definition: v.definition as CallFlowDefinition,
      ...(warnings ? { warnings } : {}),
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
    };
  }

  /**
   * Validates a definition against the property's resources under the property's lock, which
   * resource deletes take too: a delete cannot slip in between this check and the save.
   */
  private async checked(m: EntityManager, propertyId: string, definition: Record<string, unknown>) {
    await lockProperty(m, propertyId);
    return checkFlowDefinition(definition, await this.resources.resourceIds(propertyId, m));
  }

  private async insertFlow(m: EntityManager, propertyId: string, name: string, flow: CallFlow) {
    const f = await m
      .getRepository(CallFlowEntity)
      .save(m.getRepository(CallFlowEntity).create({ propertyId, name, currentVersion: 1 }));
    const v = await m
      .getRepository(CallFlowVersionEntity)
      .save(m.getRepository(CallFlowVersionEntity).create({ flowId: f.id, version: 1, definition: flow }));
    return { f, v };
  }

  /** `f` must be locked (flowRow with lock), so concurrent saves get consecutive version numbers. */
  private async addVersion(m: EntityManager, f: CallFlowEntity, flow: CallFlow, name?: string) {
    f.currentVersion += 1;
    if (name !== undefined) f.name = name;
    const saved = await m.getRepository(CallFlowEntity).save(f);
    const v = await m.getRepository(CallFlowVersionEntity).save(
      m.getRepository(CallFlowVersionEntity).create({
        flowId: f.id,
        version: f.currentVersion,
        definition: flow,
      }),
    );
    return { f: saved, v };
  }

  async create(propertyId: string, dto: SaveCallFlowDto): Promise<CallFlowView> {
    try {
      return await this.ds.transaction(async (m) => {
        const { flow, warnings } = await this.checked(m, propertyId, dto.definition);
        const { f, v } = await this.insertFlow(m, propertyId, dto.name, flow);
        return this.view(f, v, warnings);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uq_call_flows_property_name'))
        throw ApiError.conflict('name', `a call flow named "${dto.name}" already exists`);
      throw err;
    }
  }

  /** Saves a new version; the row lock makes concurrent saves get consecutive version numbers. */
  async update(propertyId: string, flowId: string, dto: UpdateCallFlowDto): Promise<CallFlowView> {
    try {
      return await this.ds.transaction(async (m) => {
        const { flow, warnings } = await this.checked(m, propertyId, dto.definition);
        const f = await this.flowRow(m, propertyId, flowId, true);
        const saved = await this.addVersion(m, f, flow, dto.name);
        return this.view(saved.f, saved.v, warnings);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'uq_call_flows_property_name'))
        throw ApiError.conflict('name', `a call flow named "${dto.name}" already exists`);
      throw err;
    }
  }

  /**
   * Saves `definition` as the property's flow named `name`, inside the caller's transaction (a
   * bundle): a new flow, or a new version when it differs from the current one. The same definition
   * again saves nothing, so applying a bundle twice leaves every flow at its version.
   */
  async saveByName(
    propertyId: string,
    name: string,
    definition: Record<string, unknown>,
    tx: Tx,
  ): Promise<{ id: string; change: FlowChange }> {
    const m = managerOf(this.ds, tx);
    const { flow } = await this.checked(m, propertyId, definition);
    const existing = await m
      .getRepository(CallFlowEntity)
      .findOne({ where: { propertyId, name }, lock: { mode: 'pessimistic_write' } });
    if (!existing) return { id: (await this.insertFlow(m, propertyId, name, flow)).f.id, change: 'created' };
    const current = await m
      .getRepository(CallFlowVersionEntity)
      .findOneOrFail({ where: { flowId: existing.id, version: existing.currentVersion } });
    if (canonicalJson(current.definition) === canonicalJson(flow))
      return { id: existing.id, change: 'unchanged' };
    await this.addVersion(m, existing, flow);
    return { id: existing.id, change: 'updated' };
  }

  async list(propertyId: string): Promise<CallFlowEntity[]> {
    await this.property(propertyId);
    return this.ds.getRepository(CallFlowEntity).find({ where: { propertyId }, order: { createdAt: 'ASC' } });
  }

  /**
   * Deletes a flow and its versions, unless tracking numbers or the property's default routing
   * still use it (409 naming them: reassign first). Calls that ran it keep its id and version.
   */
  async remove(propertyId: string, flowId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await lockProperty(m, propertyId);
      const f = await this.flowRow(m, propertyId, flowId, true);
      const users: { number: string }[] = await m.query(
        `SELECT number FROM tracking_numbers WHERE call_flow_id = $1
         UNION ALL SELECT 'default routing' FROM properties WHERE default_call_flow_id = $1`,
        [f.id],
      );
      if (users.length)
        throw ApiError.conflict(
          'flowId',
          `the flow is in use by ${users.map((u) => u.number).join(', ')}; assign another flow first`,
        );
      await m.getRepository(CallFlowEntity).delete({ id: f.id });
    });
  }

  async get(propertyId: string, flowId: string, version?: number): Promise<CallFlowView> {
    await this.property(propertyId);
    const f = await this.flowRow(this.ds.manager, propertyId, flowId);
    return this.view(f, await this.versionRow(f.id, version ?? f.currentVersion));
  }

  async versions(propertyId: string, flowId: string): Promise<CallFlowVersionSummary[]> {
    await this.property(propertyId);
    const f = await this.flowRow(this.ds.manager, propertyId, flowId);
    const rows = await this.ds.getRepository(CallFlowVersionEntity).find({
      where: { flowId: f.id },
      order: { version: 'ASC' },
      select: { version: true, createdAt: true },
    });
    return rows.map((r) => ({ version: r.version, createdAt: r.createdAt }));
  }

  /**
   * Where a given caller would go, using the same domain code as the call workflow, with the
   * property's stored schedules and ring groups (agents' availability, round-robin pointers as
   * they stand). Schedules or ring groups given in the body replace stored ones of the same id,
   * to try a change before saving it. Nothing is stored: the rotation does not move.
   */
  async simulate(propertyId: string, flowId: string, dto: SimulateCallFlowDto): Promise<CallFlowSimulation> {
    const property = await this.property(propertyId);
    const definition = dto.definition
      ? await this.unsaved(propertyId, flowId, dto.definition)
      : (await this.get(propertyId, flowId, dto.version)).definition;
    checkEach('schedules', dto.schedules, (x) => validateSchedule(x as Schedule));
    checkEach('ringGroups', dto.ringGroups, (x) => validateRingGroup(x as RingGroup));
    const [schedules, stored] = await Promise.all([
      this.resources.schedules(propertyId),
      this.resources.ringGroups(propertyId),
    ]);
    const groups = Object.entries(stored);
    const c = dto.caller ?? {};
    // The domain's result with mutable arrays, and a decision trace's entry always a decision's.
    return dryRun(
      definition,
      {
        caller: buildCallerContext({
          callerId: c.callerId,
          priorCalls: c.priorCalls ?? 0,
          source: c.source,
          session: c.session,
          previousCall: c.previousCall,
        }),
        at: dto.at ?? new Date().toISOString(),
        timeZone: property.timeZone,
        schedules: { ...schedules, ...((dto.schedules ?? {}) as Record<string, Schedule>) },
      },
      {
        keypresses: dto.keypresses?.map((k) => (k === '' ? null : k)),
        answeringAgentIds: dto.answeringAgentIds,
        forwardAnswered: dto.forwardAnswered,
        ringGroups: {
          ...Object.fromEntries(groups.map(([id, g]) => [id, g.group])),
          ...((dto.ringGroups ?? {}) as Record<string, RingGroup>),
        },
        // Availability is the agents' own, so the groups' maps never disagree and merge into one.
        availability: Object.assign({}, ...groups.map(([, g]) => g.availability)) as AgentAvailability,
        roundRobinPointers: Object.fromEntries(groups.map(([id, g]) => [id, g.pointer])),
      },
    ) as CallFlowSimulation;
  }

  /** An unsaved definition of an existing flow, checked as a save would check it (nothing stored). */
  private async unsaved(propertyId: string, flowId: string, definition: Record<string, unknown>) {
    await this.flowRow(this.ds.manager, propertyId, flowId);
    return checkFlowDefinition(definition, await this.resources.resourceIds(propertyId)).flow;
  }

  async diagram(propertyId: string, flowId: string, version?: number): Promise<CallFlowDiagram> {
    const { definition } = await this.get(propertyId, flowId, version);
    const flow = definition as CallFlow;
    return { mermaid: flowToMermaid(flow), svg: flowToSvg(flow) };
  }
}
