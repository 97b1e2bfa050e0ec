import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { UuidParam } from '../../common/uuid-param.pipe';
import { ResourceIdParam } from '../resource-id';
import { ScheduleDto } from './dto';
import type { ScheduleList, ScheduleView } from './schedule.view';
import { SchedulesService } from './schedules.service';

const property = new UuidParam('propertyId');
const schedule = new ResourceIdParam('scheduleId');

@Controller({ path: 'properties/:propertyId/schedules', version: '1' })
export class SchedulesController {
  constructor(private readonly svc: SchedulesService) {}

  @Post()
  create(@Param('propertyId', property) p: string, @Body() dto: ScheduleDto): Promise<ScheduleView> {
    return this.svc.save(p, dto, 'create');
  }

  @Get()
  async list(@Param('propertyId', property) p: string): Promise<ScheduleList> {
    return { items: await this.svc.list(p) };
  }

  @Get(':scheduleId')
  get(
    @Param('propertyId', property) p: string,
    @Param('scheduleId', schedule) id: string,
  ): Promise<ScheduleView> {
    return this.svc.get(p, id);
  }

  /** Creates or replaces the schedule with this id. */
  @Put(':scheduleId')
  replace(
    @Param('propertyId', property) p: string,
    @Param('scheduleId', schedule) id: string,
    @Body() dto: ScheduleDto,
  ): Promise<ScheduleView> {
    return this.svc.save(p, dto, 'replace', id);
  }

  @Delete(':scheduleId')
  @HttpCode(204)
  async remove(@Param('propertyId', property) p: string, @Param('scheduleId', schedule) id: string) {
    await this.svc.remove(p, id);
  }
}
