import type { DataSource } from 'typeorm';
import { VoicemailBoxEntity } from '../entities';
import { ResourceTable } from './resource-table';

/** Voicemail boxes as stored rows (their messages: VoicemailMessageRepository). */
export class VoicemailBoxRepository extends ResourceTable<VoicemailBoxEntity> {
  constructor(ds: DataSource) {
    super(ds, VoicemailBoxEntity);
  }
}
