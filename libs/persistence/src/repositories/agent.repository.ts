import type { DataSource } from 'typeorm';
import { AgentEntity } from '../entities';
import { ResourceTable } from './resource-table';

/** Agents as stored rows (presence and ringability: PropertyResourcesRepository). */
export class AgentRepository extends ResourceTable<AgentEntity> {
  constructor(ds: DataSource) {
    super(ds, AgentEntity);
  }
}
