import { Injectable } from '@nestjs/common';
import {
  VoicemailMessageRepository,
  type VoicemailMessage,
  type VoicemailMessageFilter,
} from '@switchboard/persistence';
import { ApiError } from '../../common/api-error';
import { RecordingLinks } from '../../recordings/recording-links';
import { VoicemailBoxesService } from './voicemail-boxes.service';
import type { VoicemailMessagePage, VoicemailMessageView } from './voicemail-message.view';

/**
 * Messages callers left in a box. The worker adds them with the call record; here they are read,
 * marked heard or unheard, and deleted (softly: see the voicemail-messages migration).
 */
@Injectable()
export class VoicemailMessagesService {
  constructor(
    private readonly messages: VoicemailMessageRepository,
    private readonly boxes: VoicemailBoxesService,
    private readonly links: RecordingLinks,
  ) {}

  /** 404 for an unknown property or box. */
  private async box(propertyId: string, boxId: string): Promise<void> {
    await this.boxes.get(propertyId, boxId);
  }

  async list(propertyId: string, boxId: string, f: VoicemailMessageFilter): Promise<VoicemailMessagePage> {
    await this.box(propertyId, boxId);
    const { items, total } = await this.messages.list(propertyId, boxId, f);
    return { items: await this.views(items), total, limit: f.limit, offset: f.offset };
  }

  async get(propertyId: string, boxId: string, id: string): Promise<VoicemailMessageView> {
    await this.box(propertyId, boxId);
    const m = await this.messages.get(propertyId, boxId, id);
    if (!m) throw ApiError.notFound('voicemail message', id);
    return (await this.views([m]))[0];
  }

  /** Listen: the signed URL of our copy (409 while it is being copied). */
  async recordingUrl(propertyId: string, boxId: string, id: string): Promise<string> {
    const m = await this.get(propertyId, boxId, id);
    return this.links.playable(m.recording ?? undefined, m.callId);
  }

  async markHeard(
    propertyId: string,
    boxId: string,
    id: string,
    heard: boolean,
  ): Promise<VoicemailMessageView> {
    await this.box(propertyId, boxId);
    const m = await this.messages.markHeard(propertyId, boxId, id, heard);
    if (!m) throw ApiError.notFound('voicemail message', id);
    return (await this.views([m]))[0];
  }

  /** The messages as people see them: our copy's signed URL in place of the carrier's link. */
  private async views(messages: VoicemailMessage[]): Promise<VoicemailMessageView[]> {
    const copies = await this.links.byCarrierUrls(messages.map((m) => m.recordingUrl));
    return messages.map((m) => {
      const recording = copies.get(m.recordingUrl) ?? null;
      return { ...m, heard: m.heardAt !== null, recordingUrl: recording?.url ?? null, recording };
    });
  }

  async remove(propertyId: string, boxId: string, id: string): Promise<void> {
    await this.box(propertyId, boxId);
    if (!(await this.messages.delete(propertyId, boxId, id)))
      throw ApiError.notFound('voicemail message', id);
  }
}
