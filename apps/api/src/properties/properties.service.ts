import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { standardSource, validateDniRules } from '@switchboard/domain';
import {
  managerOf,
  PropertyEntity,
  rebuildCallRollup,
  TrackingNumberEntity,
  TrackingSourceEntity,
  Transactions,
  type Tx,
} from '@switchboard/persistence';
import { isForeignKeyViolation, isUniqueViolation } from '../common/db-errors';
import type { AccessScope } from '../auth/access-scope';
import { PropertyAccess } from '../auth/property-access';
import { ApiError } from '../common/api-error';
import { numberUnavailable } from '../common/number-unavailable';
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

/** Properties with their tracking sources and numbers: the minimum to route a call. */
/** A tracking number's calls go somewhere: forwarded to `forwardTo`, or run by its call flow. */
function requireDestination(forwardTo: string | undefined, callFlowId: string | null | undefined): void {
  if (!forwardTo && !callFlowId)
    throw ApiError.invalid([
      { field: 'forwardTo', message: 'forwardTo is required unless callFlowId is given' },
    ]);
}

@Injectable()
export class PropertiesService {
  constructor(
    private readonly ds: DataSource,
    private readonly transactions: Transactions,
    private readonly access: PropertyAccess,
  ) {}

  private get properties() {
    return this.ds.getRepository(PropertyEntity);
  }
  private get sources() {
    return this.ds.getRepository(TrackingSourceEntity);
  }
  private get numbers() {
    return this.ds.getRepository(TrackingNumberEntity);
  }
  /** The manager of the caller's transaction (a bundle being applied), when there is one. */
  private managerOf(tx: Tx | undefined): EntityManager | undefined {
    return tx && managerOf(this.ds, tx);
  }

  /** Methods taking an `m` run inside the caller's transaction (a bundle being applied) when given one. */
  private repos(m: EntityManager | undefined) {
    return m
      ? {
          properties: m.getRepository(PropertyEntity),
          sources: m.getRepository(TrackingSourceEntity),
          numbers: m.getRepository(TrackingNumberEntity),
        }
      : { properties: this.properties, sources: this.sources, numbers: this.numbers };
  }

  /** A key limited to some properties cannot add more: it would not reach what it made. */
  createProperty(scope: AccessScope, dto: CreatePropertyDto): Promise<PropertyEntity> {
    if (scope.propertyIds !== null)
      throw ApiError.forbidden('restricted_key', 'a property-limited key cannot create properties');
    return this.properties.save(
      this.properties.create({
        accountId: scope.accountId,
        name: dto.name,
        timeZone: dto.timeZone,
        address: dto.address ?? null,
        phone: dto.phone ?? null,
      }),
    );
  }

  async listProperties(scope: AccessScope, q: ListPropertiesQuery): Promise<PropertyPage> {
    const ids = await this.access.visibleIds(scope, { propertyListId: q.propertyListId });
    const query = this.properties
      .createQueryBuilder('p')
      .where('p.id = ANY(:ids)', { ids })
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(q.limit)
      .skip(q.offset);
    if (q.q) query.andWhere('p.name ILIKE :q', { q: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const [items, total] = await query.getManyAndCount();
    return { items, total, limit: q.limit, offset: q.offset };
  }

  async updateProperty(id: string, dto: UpdatePropertyDto, tx?: Tx): Promise<PropertyEntity> {
    if (!tx) return this.transactions.run((t) => this.updateProperty(id, dto, t));
    const m = managerOf(this.ds, tx);
    const p = await this.getProperty(id, m);
    const zoneChanged = dto.timeZone !== undefined && dto.timeZone !== p.timeZone;
    if (dto.name !== undefined) p.name = dto.name;
    if (dto.timeZone !== undefined) p.timeZone = dto.timeZone;
    if (dto.address !== undefined) p.address = dto.address;
    if (dto.phone !== undefined) p.phone = dto.phone;
    const saved = await this.repos(m).properties.save(p);
    // The call rollup's days are the property's local days: count its calls again in the new zone.
    if (zoneChanged) await rebuildCallRollup(m, [id]);
    return saved;
  }

  /**
   * Only an empty property can go: one with tracking numbers or call history would take its
   * numbers' routing and its reports with it. Release the numbers first; history stays.
   */
  async deleteProperty(scope: AccessScope, id: string): Promise<void> {
    if (scope.propertyIds !== null)
      throw ApiError.forbidden('restricted_key', 'a property-limited key cannot delete properties');
    const [{ numbers, calls }]: { numbers: number; calls: number }[] = await this.ds.query(
      `SELECT (SELECT count(*)::int FROM tracking_numbers WHERE property_id = $1) AS numbers,
              (SELECT count(*)::int FROM calls WHERE property_id = $1) AS calls`,
      [id],
    );
    if (numbers > 0 || calls > 0)
      throw ApiError.conflict(
        'propertyId',
        `the property has ${numbers} tracking number(s) and ${calls} call(s); only an empty property can be deleted`,
      );
    await this.properties.delete({ id });
  }

  async getProperty(id: string, m?: EntityManager): Promise<PropertyEntity> {
    const p = await this.repos(m).properties.findOne({ where: { id } });
    if (!p) throw ApiError.notFound('property', id);
    return p;
  }

  async createSource(propertyId: string, dto: CreateSourceDto, tx?: Tx): Promise<TrackingSourceEntity> {
    const m = this.managerOf(tx);
    const { sources } = this.repos(m);
    await this.getProperty(propertyId, m);
    const standard = dto.standardKey !== undefined ? standardSource(dto.standardKey) : undefined;
    if (dto.standardKey !== undefined && !standard)
      throw ApiError.invalid([
        { field: 'standardKey', message: `"${dto.standardKey}" is not in GET /v1/standard-sources` },
      ]);
    const dniRules = dto.dniRules ?? standard?.dniRules ?? [];
    checkDniRules(dniRules);
    const name = dto.name ?? standard!.name;
    try {
      return await sources.save(
        sources.create({
          propertyId,
          name,
          standardKey: standard?.key ?? null,
          dniRules: [...dniRules],
          priority: dto.priority ?? standard?.priority ?? 50,
          lastTouch: dto.lastTouch ?? false,
        }),
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
    const m = this.managerOf(tx);
    const { sources } = this.repos(m);
    const row = await this.getSource(propertyId, sourceId, m);
    if (dto.dniRules !== undefined) {
      checkDniRules(dto.dniRules);
      row.dniRules = dto.dniRules;
    }
    if (dto.name !== undefined) row.name = dto.name;
    if (dto.priority !== undefined) row.priority = dto.priority;
    if (dto.lastTouch !== undefined) row.lastTouch = dto.lastTouch;
    try {
      return await sources.save(row);
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
      await this.sources.delete({ id: row.id });
    } catch (err) {
      if (isForeignKeyViolation(err))
        throw ApiError.conflict('sourceId', 'tracking numbers still use this source; move them first');
      throw err;
    }
  }

  async getSource(propertyId: string, sourceId: string, m?: EntityManager): Promise<TrackingSourceEntity> {
    const row = await this.repos(m).sources.findOne({ where: { id: sourceId, propertyId } });
    if (!row) throw ApiError.notFound('source', sourceId);
    return row;
  }

  async listSources(propertyId: string): Promise<TrackingSourceEntity[]> {
    await this.getProperty(propertyId);
    return this.sources.find({ where: { propertyId }, order: { createdAt: 'ASC' } });
  }

  /**
   * A new tracking number as an unsaved row, after the rules every new number meets: the property
   * exists, calls have somewhere to go, and the source and the flow are the property's. Used by
   * create and by ordering from the carrier, which must check before it buys.
   */
  async newTrackingNumber(
    propertyId: string,
    dto: CreateTrackingNumberDto,
    m?: EntityManager,
  ): Promise<TrackingNumberEntity> {
    await this.getProperty(propertyId, m);
    requireDestination(dto.forwardTo, dto.callFlowId);
    await checkFlowOfProperty(m ?? this.ds.manager, propertyId, dto.callFlowId);
    const source = await this.sourceForNumber(propertyId, dto.sourceId, m);
    return this.repos(m).numbers.create({
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
    const m = this.managerOf(tx);
    const row = await this.newTrackingNumber(propertyId, dto, m);
    try {
      return await this.repos(m).numbers.save(row);
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
    const m = this.managerOf(tx);
    await this.getProperty(propertyId, m);
    const row = await this.getTrackingNumber(propertyId, numberId, m);
    if (dto.sourceId !== undefined)
      row.sourceId = (await this.sourceForNumber(propertyId, dto.sourceId, m)).id;
    if (dto.forwardTo !== undefined) row.forwardTo = dto.forwardTo;
    if (dto.greetingText !== undefined) row.greetingText = dto.greetingText;
    if (dto.greetingAudioUrl !== undefined) row.greetingAudioUrl = dto.greetingAudioUrl;
    if (dto.callFlowId !== undefined) {
      await checkFlowOfProperty(m ?? this.ds.manager, propertyId, dto.callFlowId);
      row.callFlowId = dto.callFlowId;
    }
    requireDestination(row.forwardTo, row.callFlowId);
    return this.repos(m).numbers.save(row);
  }

  async listTrackingNumbers(
    propertyId: string,
    q: ListTrackingNumbersQuery = {},
  ): Promise<TrackingNumberEntity[]> {
    await this.getProperty(propertyId);
    return this.numbers.find({
      where: {
        propertyId,
        ...(q.sourceId ? { sourceId: q.sourceId } : {}),
        ...(q.callFlowId ? { callFlowId: q.callFlowId } : {}),
      },
      order: { createdAt: 'ASC' },
    });
  }

  async getTrackingNumber(
    propertyId: string,
    numberId: string,
    m?: EntityManager,
  ): Promise<TrackingNumberEntity> {
    const row = await this.repos(m).numbers.findOne({ where: { id: numberId, propertyId } });
    if (!row) throw ApiError.notFound('tracking number', numberId);
    return row;
  }

  /** A source named in a number's body must be the property's own (422 naming `sourceId`). */
  private async sourceForNumber(
    propertyId: string,
    sourceId: string,
    m?: EntityManager,
  ): Promise<TrackingSourceEntity> {
    const source = await this.repos(m).sources.findOne({ where: { id: sourceId, propertyId } });
    if (!source) {
      throw ApiError.invalid([
        { field: 'sourceId', message: `sourceId ${sourceId} is not a source of this property` },
      ]);
    }
    return source;
  }
}
