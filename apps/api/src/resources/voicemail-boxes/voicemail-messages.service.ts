import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  VoicemailBoxEntity,
  VoicemailMessageRepository,
  type VoicemailMessage,
  type VoicemailMessageFilter,
} from '@switchboard/persistence';
import { ApiError } from '../../common/api-error';
import { ResourceStore } from '../resource-store';

export interface VoicemailMessageView extends VoicemailMessage {
  heard: boolean;
}

const view = (m: VoicemailMessage): VoicemailMessageView => ({ ...m, heard: m.heardAt !== null });

/**
 * Messages callers left in a box. The worker adds them with the call record; here they are read,
 * marked heard or unheard, and deleted (softly: see the voicemail-messages migration).
 */
@Injectable()
export class VoicemailMessagesService {
  private readonly messages: VoicemailMessageRepository;
  private readonly boxes: ResourceStore<VoicemailBoxEntity>;

  constructor(ds: DataSource) {
    this.messages = new VoicemailMessageRepository(ds);
    this.boxes = new ResourceStore(ds, VoicemailBoxEntity, 'voicemail_box');
  }

  /** 404 for an unknown property or box. */
  private async box(propertyId: string, boxId: string): Promise<void> {
    await this.boxes.get(propertyId, boxId);
  }

  async list(propertyId: string, boxId: string, f: VoicemailMessageFilter) {
    await this.box(propertyId, boxId);
    const { items, total } = await this.messages.list(propertyId, boxId, f);
    return { items: items.map(view), total, limit: f.limit, offset: f.offset };
  }

  async get(propertyId: string, boxId: string, id: string): Promise<VoicemailMessageView> {
    await this.box(propertyId, boxId);
    const m = await this.messages.get(propertyId, boxId, id);
    if (!m) throw ApiError.notFound('voicemail message', id);
    return view(m);
  }

  async markHeard(propertyId: string, boxId: string, id: string, heard: boolean) {
    await this.box(propertyId, boxId);
    const m = await this.messages.markHeard(propertyId, boxId, id, heard);
    if (!m) throw ApiError.notFound('voicemail message', id);
    return view(m);
  }

  async remove(propertyId: string, boxId: string, id: string): Promise<void> {
    await this.box(propertyId, boxId);
    if (!(await this.messages.delete(propertyId, boxId, id)))
      throw ApiError.notFound('voicemail message', id);
  }
}
