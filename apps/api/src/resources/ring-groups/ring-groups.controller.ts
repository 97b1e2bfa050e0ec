import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { UuidParam } from '../../common/uuid-param.pipe';
import { ResourceIdParam } from '../resource-id';
import { RingGroupDto } from './dto';
import type { RingGroupList, RingGroupView } from './ring-group.view';
import { RingGroupsService } from './ring-groups.service';

const property = new UuidParam('propertyId');
const group = new ResourceIdParam('ringGroupId');

@Controller({ path: 'properties/:propertyId/ring-groups', version: '1' })
export class RingGroupsController {
  constructor(private readonly svc: RingGroupsService) {}

  @Post()
  create(@Param('propertyId', property) p: string, @Body() dto: RingGroupDto): Promise<RingGroupView> {
    return this.svc.save(p, dto, 'create');
  }

  @Get()
  async list(@Param('propertyId', property) p: string): Promise<RingGroupList> {
    return { items: await this.svc.list(p) };
  }

  @Get(':ringGroupId')
  get(
    @Param('propertyId', property) p: string,
    @Param('ringGroupId', group) id: string,
  ): Promise<RingGroupView> {
    return this.svc.get(p, id);
  }

  /** Creates or replaces the ring group with this id. */
  @Put(':ringGroupId')
  replace(
    @Param('propertyId', property) p: string,
    @Param('ringGroupId', group) id: string,
    @Body() dto: RingGroupDto,
  ): Promise<RingGroupView> {
    return this.svc.save(p, dto, 'replace', id);
  }

  @Delete(':ringGroupId')
  @HttpCode(204)
  async remove(@Param('propertyId', property) p: string, @Param('ringGroupId', group) id: string) {
    await this.svc.remove(p, id);
  }
}
