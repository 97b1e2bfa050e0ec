import { Inject, Injectable } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import {
  canonicalJson,
  buildCallerContext,
  dryRun,
  flowToMermaid,
  flowToSvg,
  type AgentAvailability,
  type CallFlow,
  type FlowValidationContext,
  validateRingGroup,
  validateSchedule,
  type RingGroup,
  type Schedule,
  type ValidationReport,
} from '@switchboard/domain';
import {
  isUniqueViolation,
  CallFlowRepository,
  PropertyResourcesRepository,
  Transactions,
  type CallFlowEntity,
  type CallFlowVersionEntity,
  type PropertyEntity,
  type Tx,
} from '@switchboard/persistence';
import { ApiError, type FieldError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import { PropertiesService } from '../properties/properties.service';
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
  constructor(
    private readonly flows: CallFlowRepository,
    private readonly resources: PropertyResourcesRepository,
    private readonly properties: PropertiesService,
    private readonly transactions: Transactions,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  /**
   * What a flow is checked against: the property's resources, its recording disclosure settings
   * (its default, its requirement), and the engine new calls start, so a step kind engine v1
   * cannot run is refused while it runs the calls.
   */
  private async validationContext(property: PropertyEntity, tx?: Tx): Promise<FlowValidationContext> {
    return {
      ...(await this.resources.resourceIds(property.id, tx)),
      callEngine: this.cfg.temporal.callEngine,
      disclosure: {
        propertyDefault: property.recordingDisclosure !== null,
        required: property.requireRecordingDisclosure,
      },
    };
  }

  /** The flow (404 when the property has none of that id); `tx` given, locked until it ends. */
  private async flowRow(propertyId: string, flowId: string, tx?: Tx): Promise<CallFlowEntity> {
    const row = tx
      ? await this.flows.lockForUpdate(propertyId, flowId, tx)
      : await this.flows.find(propertyId, flowId);
    if (!row) throw ApiError.notFound('call flow', flowId);
    return row;
  }

  private async versionRow(flowId: string, version: number): Promise<CallFlowVersionEntity> {
    const v = await this.flows.version(flowId, version);
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
  private async checked(propertyId: string, definition: Record<string, unknown>, tx: Tx) {
    const property = await this.properties.lockProperty(propertyId, tx);
    return checkFlowDefinition(definition, await this.validationContext(property, tx));
  }

  async create(propertyId: string, dto: SaveCallFlowDto): Promise<CallFlowView> {
    try {
      return await this.transactions.run(async (tx) => {
        const { flow, warnings } = await this.checked(propertyId, dto.definition, tx);
        const { f, v } = await this.flows.insert(propertyId, dto.name, flow, tx);
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
      return await this.transactions.run(async (tx) => {
        const { flow, warnings } = await this.checked(propertyId, dto.definition, tx);
        const f = await this.flowRow(propertyId, flowId, tx);
        const saved = await this.flows.addVersion(f, flow, dto.name, tx);
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
    const { flow } = await this.checked(propertyId, definition, tx);
    const existing = await this.flows.lockByName(propertyId, name, tx);
    if (!existing)
      return { id: (await this.flows.insert(propertyId, name, flow, tx)).f.id, change: 'created' };
    const current = await this.flows.version(existing.id, existing.currentVersion, tx);
    if (canonicalJson(current?.definition) === canonicalJson(flow))
      return { id: existing.id, change: 'unchanged' };
    await this.flows.addVersion(existing, flow, undefined, tx);
    return { id: existing.id, change: 'updated' };
  }

  /** Every flow of the property with its current version's definition, by name. */
  currentDefinitions(
    propertyId: string,
    tx?: Tx,
  ): Promise<{ id: string; name: string; definition: CallFlow }[]> {
    return this.flows.currentDefinitions(propertyId, tx);
  }

  async list(propertyId: string): Promise<CallFlowEntity[]> {
    await this.properties.getProperty(propertyId);
    return this.flows.list(propertyId);
  }

  /**
   * Deletes a flow and its versions, unless tracking numbers or the property's default routing
   * still use it (409 naming them: reassign first). Calls that ran it keep its id and version.
   */
  async remove(propertyId: string, flowId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.properties.lockProperty(propertyId, tx);
      const f = await this.flowRow(propertyId, flowId, tx);
      const users = await this.flows.users(f.id, tx);
      if (users.length)
        throw ApiError.conflict(
          'flowId',
          `the flow is in use by ${users.join(', ')}; assign another flow first`,
        );
      await this.flows.delete(f.id, tx);
    });
  }

  async get(propertyId: string, flowId: string, version?: number): Promise<CallFlowView> {
    await this.properties.getProperty(propertyId);
    const f = await this.flowRow(propertyId, flowId);
    return this.view(f, await this.versionRow(f.id, version ?? f.currentVersion));
  }

  async versions(propertyId: string, flowId: string): Promise<CallFlowVersionSummary[]> {
    await this.properties.getProperty(propertyId);
    const f = await this.flowRow(propertyId, flowId);
    return this.flows.versions(f.id);
  }

  /**
   * Where a given caller would go, using the same domain code as the call workflow, with the
   * property's stored schedules and ring groups (agents' availability, round-robin pointers as
   * they stand). Schedules or ring groups given in the body replace stored ones of the same id,
   * to try a change before saving it. Nothing is stored: the rotation does not move.
   */
  async simulate(propertyId: string, flowId: string, dto: SimulateCallFlowDto): Promise<CallFlowSimulation> {
    const property = await this.properties.getProperty(propertyId);
    const definition = dto.definition
      ? await this.unsaved(property, flowId, dto.definition)
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
        say: dto.say?.map((s) => (s === '' ? null : s)),
        answeringAgentIds: dto.answeringAgentIds,
        forwardAnswered: dto.forwardAnswered,
        ringGroups: {
          ...Object.fromEntries(groups.map(([id, g]) => [id, g.group])),
          ...((dto.ringGroups ?? {}) as Record<string, RingGroup>),
        },
        // Availability is the agents' own, so the groups' maps never disagree and merge into one.
        availability: Object.assign({}, ...groups.map(([, g]) => g.availability)) as AgentAvailability,
        roundRobinPointers: Object.fromEntries(groups.map(([id, g]) => [id, g.pointer])),
        propertyDisclosure: property.recordingDisclosure,
      },
    ) as CallFlowSimulation;
  }

  /** An unsaved definition of an existing flow, checked as a save would check it (nothing stored). */
  private async unsaved(property: PropertyEntity, flowId: string, definition: Record<string, unknown>) {
    await this.flowRow(property.id, flowId);
    return checkFlowDefinition(definition, await this.validationContext(property)).flow;
  }

  async diagram(propertyId: string, flowId: string, version?: number): Promise<CallFlowDiagram> {
    const { definition } = await this.get(propertyId, flowId, version);
    const flow = definition as CallFlow;
    return { mermaid: flowToMermaid(flow), svg: flowToSvg(flow) };
  }
}
