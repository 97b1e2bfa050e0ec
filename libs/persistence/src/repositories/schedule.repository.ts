import type { DataSource } from 'typeorm';
import { ScheduleEntity } from '../entities';
import { ResourceTable } from './resource-table';

/** Opening-hours schedules, as the api writes them (calls read them through PropertyResourcesRepository). */
export class ScheduleRepository extends ResourceTable<ScheduleEntity> {
  constructor(ds: DataSource) {
    super(ds, ScheduleEntity);
  }
}
