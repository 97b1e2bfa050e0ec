import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CallFlowEntity,
  PropertyEntity,
  TrackingNumberEntity,
  TrackingSourceEntity,
} from '@switchboard/persistence';
import { isUniqueViolation } from '../common/db-errors';
import { ApiError } from '../common/api-error';
import type {
  CreatePropertyDto,
  CreateSourceDto,
  CreateTrackingNumberDto,
  UpdateTrackingNumberDto,
} from './dto';

/** Properties with their tracking sources and numbers: the minimum to route a call. */
@Injectable()
export class PropertiesService {
  constructor(private readonly ds: DataSource) {}

  private get properties() {
    return this.ds.getRepository(PropertyEntity);
  }
  private get sources() {
    return this.ds.getRepository(TrackingSourceEntity);
  }
  private get numbers() {
    return this.ds.getRepository(TrackingNumberEntity);
  }

  createProperty(dto: CreatePropertyDto): Promise<PropertyEntity> {
    return this.properties.save(this.properties.create({ name: dto.name, timeZone: dto.timeZone }));
  }

  listProperties(): Promise<PropertyEntity[]> {
    return this.properties.find({ order: { createdAt: 'ASC' } });
  }

  async getProperty(id: string): Promise<PropertyEntity> {
    const p = await this.properties.findOne({ where: { id } });
    if (!p) throw ApiError.notFound('property', id);
    return p;
  }

  async createSource(propertyId: string, dto: CreateSourceDto): Promise<TrackingSourceEntity> {
    await this.getProperty(propertyId);
    try {
      return await this.sources.save(this.sources.create({ propertyId, name: dto.name }));
    } catch (err) {
      if (isUniqueViolation(err, 'uq_tracking_sources_property_name')) {
        throw ApiError.conflict('name', `a source named "${dto.name}" already exists in this property`);
      }
      throw err;
    }
  }

  async listSources(propertyId: string): Promise<TrackingSourceEntity[]> {
    await this.getProperty(propertyId);
    return this.sources.find({ where: { propertyId }, order: { createdAt: 'ASC' } });
  }

  /** A flow assigned to a number must be one of the same property's flows. */
  private async checkFlow(propertyId: string, callFlowId: string | null | undefined): Promise<void> {
    if (!callFlowId) return;
    const flow = await this.ds
      .getRepository(CallFlowEntity)
      .findOne({ where: { id: callFlowId, propertyId } });
    if (!flow) {
      throw ApiError.invalid([
        { field: 'callFlowId', message: `callFlowId ${callFlowId} is not a call flow of this property` },
      ]);
    }
  }

  async createTrackingNumber(
    propertyId: string,
    dto: CreateTrackingNumberDto,
  ): Promise<TrackingNumberEntity> {
    await this.getProperty(propertyId);
    await this.checkFlow(propertyId, dto.callFlowId);
    const source = await this.sources.findOne({ where: { id: dto.sourceId, propertyId } });
    if (!source) {
      throw ApiError.invalid([
        { field: 'sourceId', message: `sourceId ${dto.sourceId} is not a source of this property` },
      ]);
    }
    try {
      return await this.numbers.save(
        this.numbers.create({
          propertyId,
          sourceId: source.id,
          number: dto.number,
          forwardTo: dto.forwardTo,
          greetingText: dto.greetingText ?? null,
          greetingAudioUrl: dto.greetingAudioUrl ?? null,
          callFlowId: dto.callFlowId ?? null,
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err, 'uq_tracking_numbers_number')) {
        throw ApiError.conflict('number', `${dto.number} is already a tracking number`);
      }
      throw err;
    }
  }

  async updateTrackingNumber(
    propertyId: string,
    numberId: string,
    dto: UpdateTrackingNumberDto,
  ): Promise<TrackingNumberEntity> {
    await this.getProperty(propertyId);
    const row = await this.numbers.findOne({ where: { id: numberId, propertyId } });
    if (!row) throw ApiError.notFound('tracking number', numberId);
    if (dto.sourceId !== undefined) {
      const source = await this.sources.findOne({ where: { id: dto.sourceId, propertyId } });
      if (!source) {
        throw ApiError.invalid([
          { field: 'sourceId', message: `sourceId ${dto.sourceId} is not a source of this property` },
        ]);
      }
      row.sourceId = source.id;
    }
    if (dto.forwardTo !== undefined) row.forwardTo = dto.forwardTo;
    if (dto.greetingText !== undefined) row.greetingText = dto.greetingText;
    if (dto.greetingAudioUrl !== undefined) row.greetingAudioUrl = dto.greetingAudioUrl;
    if (dto.callFlowId !== undefined) {
      await this.checkFlow(propertyId, dto.callFlowId);
      row.callFlowId = dto.callFlowId;
    }
    return this.numbers.save(row);
  }

  async listTrackingNumbers(propertyId: string): Promise<TrackingNumberEntity[]> {
    await this.getProperty(propertyId);
    return this.numbers.find({ where: { propertyId }, order: { createdAt: 'ASC' } });
  }
}
