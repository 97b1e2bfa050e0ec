import { Inject, Injectable } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { checkPrompt, standardSource, validateDniRules, type Prompt } from '@switchboard/domain';
import {
  isForeignKeyViolation,
  isUniqueViolation,
  CallFlowRepository,
  PropertyRepository,
  PropertyResourcesRepository,
  TrackingNumberEntity,
  TrackingNumberRepository,
  TrackingSourceRepository,
  Transactions,
  type PropertyEntity,
  type TrackingSourceEntity,
  type Tx,
} from '@switchboard/persistence';
import type { AccessScope } from '../auth/access-scope';
import { PropertyAccess } from '../auth/property-access';
import { ApiError } from '../common/api-error';
import { issueField } from '../common/domain-issues';
import { numberUnavailable } from '../common/number-unavailable';
import { CONFIG } from '../common/tokens';
import type {
  CreatePropertyDto,
  CreateSourceDto,
  CreateTrackingNumberDto,
  ListPropertiesQuery,
  ListTrackingNumbersQuery,
  UpdatePropertyDto,
  UpdateSourceDto,
  UpdateTrackingNumberDto,
} from './dto';
import type { PropertyPage } from './property.view';
import { checkFlowOfProperty } from './flow-of-property';

/** DNI rules are libs/domain's to judge; each problem is a 422 naming `dniRules[i].field`. */
function checkDniRules(rules: unknown): void {
  const report = validateDniRules(rules);
  if (report.errors.length)
    throw ApiError.invalid(report.errors.map((e) => ({ field: `dniRules${e.path}`, message: e.message })));
}

/** A tracking number's calls go somewhere: forwarded to `forwardTo`, or run by its call flow. */
function requireDestination(forwardTo: string | undefined, callFlowId: string | null | undefined): void {
  if (!forwardTo && !callFlowId)
    throw ApiError.invalid([
      { field: 'forwardTo', message: 'forwardTo is required unless callFlowId is given' },
    ]);
}

/**
 * Properties with their tracking sources and numbers: the minimum to route a call. Methods taking
 * a `tx` run inside the caller's transaction (a bundle being applied) when given one.
 */
@Injectable()
export class PropertiesService {
  constructor(
    private readonly properties: PropertyRepository,
    private readonly sources: TrackingSourceRepository,
    private readonly numbers: TrackingNumberRepository,
    private readonly flows: CallFlowRepository,
    private readonly transactions: Transactions,
    private readonly access: PropertyAccess,
    private readonly resources: PropertyResourcesRepository,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  /** A key limited to some properties cannot add more: it would not reach what it made. */
  createProperty(scope: AccessScope, dto: CreatePropertyDto): Promise<PropertyEntity> {
    if (scope.propertyIds !== null)
      throw ApiError.forbidden('restricted_key', 'a property-limited key cannot create properties');
    return this.properties.create({
      accountId: scope.accountId,
      name: dto.name,
      timeZone: dto.timeZone,
      address: dto.address ?? null,
      phone: dto.phone ?? null,
    });
  }

  async listProperties(scope: AccessScope, q: ListPropertiesQuery): Promise<PropertyPage> {
    const ids = await this.access.visibleIds(scope, { propertyListId: q.propertyListId });
    const { items, total } = await this.properties.page(ids, q);
    return { items, total, limit: q.limit, offset: q.offset };
  }

  async updateProperty(id: string, dto: UpdatePropertyDto, tx?: Tx): Promise<PropertyEntity> {
    return this.transactions.within(tx, (t) => this.changeProperty(id, dto, t));
  }

  private async changeProperty(id: string, dto: UpdatePropertyDto, tx: Tx): Promise<PropertyEntity> {
    // Locked: flow saves check the disclosure settings under the same lock (see checkDisclosure).
    const p = await this.lockProperty(id, tx);
    const zoneChanged = dto.timeZone !== undefined && dto.timeZone !== p.timeZone;
    if (dto.recordingDisclosure !== undefined || dto.requireRecordingDisclosure !== undefined)
      await this.checkDisclosure(p, dto, tx);
    if (dto.name !== undefined) p.name = dto.name;
    if (dto.timeZone !== undefined) p.timeZone = dto.timeZone;
    if (dto.address !== undefined) p.address = dto.address;
    if (dto.phone !== undefined) p.phone = dto.phone;
    if (dto.recordingDisclosure !== undefined)
      p.recordingDisclosure = dto.recordingDisclosure as unknown as Prompt | null;
    if (dto.requireRecordingDisclosure !== undefined)
      p.requireRecordingDisclosure = dto.requireRecordingDisclosure;
    const saved = await this.properties.save(p, tx);
    // The call rollup's days are the property's local days: count its calls again in the new zone.
    if (zoneChanged) await this.properties.rebuildCallRollup(id, tx);
    return saved;
  }

  /**
   * The property's recording disclosure settings as they would be after `dto`: a default that is a
   * prompt of the property's own (an audio file it has), which engine v1 could not play; and a
   * requirement every flow of the property that records meets (its own disclosure, or the
   * default), so no recording flow is left that a save would refuse. 422 naming the field.
   */
  private async checkDisclosure(p: PropertyEntity, dto: UpdatePropertyDto, tx: Tx): Promise<void> {
    const given = dto.recordingDisclosure;
    if (given !== undefined && given !== null) {
      const { audioIds } = await this.resources.resourceIds(p.id, tx);
      const issues = checkPrompt(given as unknown as Prompt, 'recordingDisclosure', audioIds);
      if (issues.length) throw ApiError.invalid(issues.map((i) => issueField(i)));
      if (this.cfg.temporal.callEngine === 'v1')
        throw ApiError.invalid([
          {
            field: 'recordingDisclosure',
            message: 'call engine v1 plays no recording disclosure (CALL_ENGINE=v1 here)',
          },
        ]);
    }
    const disclosure = given !== undefined ? given : p.recordingDisclosure;
    const required = dto.requireRecordingDisclosure ?? p.requireRecordingDisclosure;
    if (!required || disclosure) return;
    const flows = await this.flows.currentDefinitions(p.id, tx);
    const without = flows.filter((f) => f.definition.recording && !f.definition.recordingDisclosure);
    if (without.length === 0) return;
    const names = without.map((f) => `"${f.name}"`).join(', ');
    // The field the request changed to get here: turning the requirement on, or clearing the default.
    const field =
      dto.requireRecordingDisclosure === true && !p.requireRecordingDisclosure
        ? 'requireRecordingDisclosure'
        : 'recordingDisclosure';
    throw ApiError.invalid([
      {
        field,
        message: `call flow${without.length > 1 ? 's' : ''} ${names} record${without.length > 1 ? '' : 's'} calls without a disclosure of ${without.length > 1 ? 'their' : 'its'} own: give ${without.length > 1 ? 'them' : 'it'} one, or give the property a default recordingDisclosure`,
      },
    ]);
  }

  /**
   * Only an empty property can go: one with tracking numbers or call history would take its
   * numbers' routing and its reports with it. Release the numbers first; history stays.
   */
  async deleteProperty(scope: AccessScope, id: string): Promise<void> {
    if (scope.propertyIds !== null)
      throw ApiError.forbidden('restricted_key', 'a property-limited key cannot delete properties');
    const { numbers, calls } = await this.properties.contents(id);
    if (numbers > 0 || calls > 0)
      throw ApiError.conflict(
        'propertyId',
        `the property has ${numbers} tracking number(s) and ${calls} call(s); only an empty property can be deleted`,
      );
    await this.properties.delete(id);
  }

  async getProperty(id: string, tx?: Tx): Promise<PropertyEntity> {
    const p = await this.properties.find(id, tx);
    if (!p) throw ApiError.notFound('property', id);
    return p;
  }

  /**
   * Locks the property for the rest of `tx` (404 when there is none): every write of its resources,
   * call flows and default routing holds the lock (PropertyRepository.lockForUpdate says why).
   */
  async lockProperty(id: string, tx: Tx): Promise<PropertyEntity> {
    const p = await this.properties.lockForUpdate(id, tx);
    if (!p) throw ApiError.notFound('property', id);
    return p;
  }

  async createSource(propertyId: string, dto: CreateSourceDto, tx?: Tx): Promise<TrackingSourceEntity> {
    await this.getProperty(propertyId, tx);
    const standard = dto.standardKey !== undefined ? standardSource(dto.standardKey) : undefined;
    if (dto.standardKey !== undefined && !standard)
      throw ApiError.invalid([
        { field: 'standardKey', message: `"${dto.standardKey}" is not in GET /v1/standard-sources` },
      ]);
    const dniRules = dto.dniRules ?? standard?.dniRules ?? [];
    checkDniRules(dniRules);
    const name = dto.name ?? standard!.name;
    try {
      return await this.sources.create(
        {
          propertyId,
          name,
          standardKey: standard?.key ?? null,
          dniRules: [...dniRules],
          priority: dto.priority ?? standard?.priority ?? 50,
          lastTouch: dto.lastTouch ?? false,
        },
        tx,
      );
    } catch (err) {
      if (isUniqueViolation(err, 'uq_tracking_sources_property_name')) {
        throw ApiError.conflict('name', `a source named "${name}" already exists in this property`);
      }
      if (isUniqueViolation(err, 'uq_tracking_sources_property_standard')) {
        throw ApiError.conflict(
          'standardKey',
          `the property already has the standard source "${dto.standardKey}"`,
        );
      }
      throw err;
    }
  }

  async updateSource(
    propertyId: string,
    sourceId: string,
    dto: UpdateSourceDto,
    tx?: Tx,
  ): Promise<TrackingSourceEntity> {
    const row = await this.getSource(propertyId, sourceId, tx);
    if (dto.dniRules !== undefined) {
      checkDniRules(dto.dniRules);
      row.dniRules = dto.dniRules;
    }
    if (dto.name !== undefined) row.name = dto.name;
    if (dto.priority !== undefined) row.priority = dto.priority;
    if (dto.lastTouch !== undefined) row.lastTouch = dto.lastTouch;
    try {
      return await this.sources.save(row, tx);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_tracking_sources_property_name'))
        throw ApiError.conflict('name', `a source named "${row.name}" already exists in this property`);
      throw err;
    }
  }

  /** A source still bound to tracking numbers stays (409); calls keep its name either way. */
  async deleteSource(propertyId: string, sourceId: string): Promise<void> {
    const row = await this.getSource(propertyId, sourceId);
    try {
      await this.sources.delete(row.id);
    } catch (err) {
      if (isForeignKeyViolation(err))
        throw ApiError.conflict('sourceId', 'tracking numbers still use this source; move them first');
      throw err;
    }
  }

  async getSource(propertyId: string, sourceId: string, tx?: Tx): Promise<TrackingSourceEntity> {
    const row = await this.sources.find(propertyId, sourceId, tx);
    if (!row) throw ApiError.notFound('source', sourceId);
    return row;
  }

  async listSources(propertyId: string): Promise<TrackingSourceEntity[]> {
    await this.getProperty(propertyId);
    return this.sources.list(propertyId);
  }

  /**
   * A new tracking number as an unsaved row, after the rules every new number meets: the property
   * exists, calls have somewhere to go, and the source and the flow are the property's. Used by
   * create and by ordering from the carrier, which must check before it buys.
   */
  async newTrackingNumber(
    propertyId: string,
    dto: CreateTrackingNumberDto,
    tx?: Tx,
  ): Promise<TrackingNumberEntity> {
    await this.getProperty(propertyId, tx);
    requireDestination(dto.forwardTo, dto.callFlowId);
    await checkFlowOfProperty(this.flows, propertyId, dto.callFlowId, tx);
    const source = await this.sourceForNumber(propertyId, dto.sourceId, tx);
    return Object.assign(new TrackingNumberEntity(), {
      propertyId,
      sourceId: source.id,
      number: dto.number,
      // The column is required; a number whose flow handles calls has no forwarding destination.
      forwardTo: dto.forwardTo ?? '',
      greetingText: dto.greetingText ?? null,
      greetingAudioUrl: dto.greetingAudioUrl ?? null,
      callFlowId: dto.callFlowId ?? null,
    });
  }

  async createTrackingNumber(
    propertyId: string,
    dto: CreateTrackingNumberDto,
    tx?: Tx,
  ): Promise<TrackingNumberEntity> {
    const row = await this.newTrackingNumber(propertyId, dto, tx);
    try {
      return await this.numbers.save(row, tx);
    } catch (err) {
      if (isUniqueViolation(err, 'uq_tracking_numbers_number')) {
        throw numberUnavailable(dto.number);
      }
      throw err;
    }
  }

  async updateTrackingNumber(
    propertyId: string,
    numberId: string,
    dto: UpdateTrackingNumberDto,
    tx?: Tx,
  ): Promise<TrackingNumberEntity> {
    await this.getProperty(propertyId, tx);
    const row = await this.getTrackingNumber(propertyId, numberId, tx);
    if (dto.sourceId !== undefined)
      row.sourceId = (await this.sourceForNumber(propertyId, dto.sourceId, tx)).id;
    if (dto.forwardTo !== undefined) row.forwardTo = dto.forwardTo;
    if (dto.greetingText !== undefined) row.greetingText = dto.greetingText;
    if (dto.greetingAudioUrl !== undefined) row.greetingAudioUrl = dto.greetingAudioUrl;
    if (dto.callFlowId !== undefined) {
      await checkFlowOfProperty(this.flows, propertyId, dto.callFlowId, tx);
      row.callFlowId = dto.callFlowId;
    }
    requireDestination(row.forwardTo, row.callFlowId);
    return this.numbers.save(row, tx);
  }

  async listTrackingNumbers(
    propertyId: string,
    q: ListTrackingNumbersQuery = {},
  ): Promise<TrackingNumberEntity[]> {
    await this.getProperty(propertyId);
    return this.numbers.list(propertyId, q);
  }

  async getTrackingNumber(propertyId: string, numberId: string, tx?: Tx): Promise<TrackingNumberEntity> {
    const row = await this.numbers.find(propertyId, numberId, tx);
    if (!row) throw ApiError.notFound('tracking number', numberId);
    return row;
  }

  /** A source named in a number's body must be the property's own (422 naming `sourceId`). */
  private async sourceForNumber(
    propertyId: string,
    sourceId: string,
    tx?: Tx,
  ): Promise<TrackingSourceEntity> {
    const source = await this.sources.find(propertyId, sourceId, tx);
    if (!source) {
      throw ApiError.invalid([
        { field: 'sourceId', message: `sourceId ${sourceId} is not a source of this property` },
      ]);
    }
    return source;
  }
}
