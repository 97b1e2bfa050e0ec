import type { DataSource } from 'typeorm';
import { RingGroupEntity } from '../entities';
import { ResourceTable } from './resource-table';

/** Ring groups as stored rows (calls read them composed, through PropertyResourcesRepository). */
export class RingGroupRepository extends ResourceTable<RingGroupEntity> {
  constructor(ds: DataSource) {
    super(ds, RingGroupEntity);
  }
}
