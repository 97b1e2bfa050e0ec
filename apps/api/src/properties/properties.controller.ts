import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { AccessScope } from '../auth/access-scope';
import { Scope } from '../auth/auth.decorators';
import { STANDARD_SOURCES } from '@switchboard/domain';
import { UuidParam } from '../common/uuid-param.pipe';
import {
  CreatePropertyDto,
  CreateSourceDto,
  CreateTrackingNumberDto,
  ListPropertiesQuery,
  ListTrackingNumbersQuery,
  UpdatePropertyDto,
  UpdateSourceDto,
  UpdateTrackingNumberDto,
} from './dto';
import type { PropertyPage, TrackingNumberList, TrackingSourceList } from './property.view';
import { PropertiesService } from './properties.service';
import { StandardSourceList, StandardSourceView } from './standard-sources.view';

const uuid = new UuidParam('propertyId');

/** The catalog of standard sources a property can add by key, with their DNI rules. */
@Controller({ path: 'standard-sources', version: '1' })
export class StandardSourcesController {
  @Get()
  list(): StandardSourceList {
    // The catalog's arrays are readonly; the answer is the catalog as it is.
    return { items: STANDARD_SOURCES as StandardSourceView[] };
  }
}

@Controller({ path: 'properties', version: '1' })
export class PropertiesController {
  constructor(private readonly svc: PropertiesService) {}

  @Post()
  create(@Scope() scope: AccessScope, @Body() dto: CreatePropertyDto) {
    return this.svc.createProperty(scope, dto);
  }

  @Get()
  list(@Scope() scope: AccessScope, @Query() q: ListPropertiesQuery): Promise<PropertyPage> {
    return this.svc.listProperties(scope, q);
  }

  @Get(':propertyId')
  get(@Param('propertyId', uuid) id: string) {
    return this.svc.getProperty(id);
  }

  @Patch(':propertyId')
  update(@Param('propertyId', uuid) id: string, @Body() dto: UpdatePropertyDto) {
    return this.svc.updateProperty(id, dto);
  }

  @Delete(':propertyId')
  @HttpCode(204)
  async remove(@Scope() scope: AccessScope, @Param('propertyId', uuid) id: string) {
    await this.svc.deleteProperty(scope, id);
  }

  @Post(':propertyId/sources')
  createSource(@Param('propertyId', uuid) id: string, @Body() dto: CreateSourceDto) {
    return this.svc.createSource(id, dto);
  }

  @Get(':propertyId/sources')
  async listSources(@Param('propertyId', uuid) id: string): Promise<TrackingSourceList> {
    return { items: await this.svc.listSources(id) };
  }

  @Get(':propertyId/sources/:sourceId')
  getSource(
    @Param('propertyId', uuid) id: string,
    @Param('sourceId', new UuidParam('sourceId')) sourceId: string,
  ) {
    return this.svc.getSource(id, sourceId);
  }

  @Patch(':propertyId/sources/:sourceId')
  updateSource(
    @Param('propertyId', uuid) id: string,
    @Param('sourceId', new UuidParam('sourceId')) sourceId: string,
    @Body() dto: UpdateSourceDto,
  ) {
    return this.svc.updateSource(id, sourceId, dto);
  }

  @Delete(':propertyId/sources/:sourceId')
  @HttpCode(204)
  async removeSource(
    @Param('propertyId', uuid) id: string,
    @Param('sourceId', new UuidParam('sourceId')) sourceId: string,
  ) {
    await this.svc.deleteSource(id, sourceId);
  }

  @Post(':propertyId/tracking-numbers')
  createNumber(@Param('propertyId', uuid) id: string, @Body() dto: CreateTrackingNumberDto) {
    return this.svc.createTrackingNumber(id, dto);
  }

  @Patch(':propertyId/tracking-numbers/:numberId')
  updateNumber(
    @Param('propertyId', uuid) id: string,
    @Param('numberId', new UuidParam('numberId')) numberId: string,
    @Body() dto: UpdateTrackingNumberDto,
  ) {
    return this.svc.updateTrackingNumber(id, numberId, dto);
  }

  @Get(':propertyId/tracking-numbers')
  async listNumbers(
    @Param('propertyId', uuid) id: string,
    @Query() q: ListTrackingNumbersQuery,
  ): Promise<TrackingNumberList> {
    return { items: await this.svc.listTrackingNumbers(id, q) };
  }

  @Get(':propertyId/tracking-numbers/:numberId')
  getNumber(
    @Param('propertyId', uuid) id: string,
    @Param('numberId', new UuidParam('numberId')) numberId: string,
  ) {
    return this.svc.getTrackingNumber(id, numberId);
  }
}
