import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreatePropertyDto, CreateSourceDto, CreateTrackingNumberDto, UpdateTrackingNumberDto } from './dto';
import { PropertiesService } from './properties.service';

const uuid = new UuidParam('propertyId');

@Controller({ path: 'properties', version: '1' })
export class PropertiesController {
  constructor(private readonly svc: PropertiesService) {}

  @Post()
  create(@Body() dto: CreatePropertyDto) {
    return this.svc.createProperty(dto);
  }

  @Get()
  async list() {
    return { items: await this.svc.listProperties() };
  }

  @Get(':propertyId')
  get(@Param('propertyId', uuid) id: string) {
    return this.svc.getProperty(id);
  }

  @Post(':propertyId/sources')
  createSource(@Param('propertyId', uuid) id: string, @Body() dto: CreateSourceDto) {
    return this.svc.createSource(id, dto);
  }

  @Get(':propertyId/sources')
  async listSources(@Param('propertyId', uuid) id: string) {
    return { items: await this.svc.listSources(id) };
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
  async listNumbers(@Param('propertyId', uuid) id: string) {
    return { items: await this.svc.listTrackingNumbers(id) };
  }
}
