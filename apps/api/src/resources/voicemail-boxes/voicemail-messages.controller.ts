import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query, Redirect } from '@nestjs/common';
import { UuidParam } from '../../common/uuid-param.pipe';
import { ResourceIdParam } from '../resource-id';
import { ListVoicemailMessagesQuery, MarkVoicemailMessageDto } from './voicemail-messages.dto';
import type { VoicemailMessagePage, VoicemailMessageView } from './voicemail-message.view';
import { VoicemailMessagesService } from './voicemail-messages.service';

const property = new UuidParam('propertyId');
const box = new ResourceIdParam('voicemailBoxId');
const message = new UuidParam('messageId');

/** The messages of one voicemail box, newest first. */
@Controller({ path: 'properties/:propertyId/voicemail-boxes/:voicemailBoxId/messages', version: '1' })
export class VoicemailMessagesController {
  constructor(private readonly svc: VoicemailMessagesService) {}

  @Get()
  list(
    @Param('propertyId', property) p: string,
    @Param('voicemailBoxId', box) b: string,
    @Query() q: ListVoicemailMessagesQuery,
  ): Promise<VoicemailMessagePage> {
    const heard = q.heard === undefined ? undefined : q.heard === 'true';
    return this.svc.list(p, b, { heard, limit: q.limit, offset: q.offset });
  }

  @Get(':messageId')
  get(
    @Param('propertyId', property) p: string,
    @Param('voicemailBoxId', box) b: string,
    @Param('messageId', message) id: string,
  ): Promise<VoicemailMessageView> {
    return this.svc.get(p, b, id);
  }

  /**
   * Listen: a redirect to a signed URL of our copy of the message, valid RECORDING_URL_TTL_SECS
   * (409 while the copy is still being made, seconds after the call).
   */
  @Get(':messageId/recording')
  @Redirect(undefined, 302)
  async recording(
    @Param('propertyId', property) p: string,
    @Param('voicemailBoxId', box) b: string,
    @Param('messageId', message) id: string,
  ) {
    return { url: await this.svc.recordingUrl(p, b, id) };
  }

  /** `{heard: true}` marks the message heard (keeping when it first was), `{heard: false}` unheard. */
  @Patch(':messageId')
  mark(
    @Param('propertyId', property) p: string,
    @Param('voicemailBoxId', box) b: string,
    @Param('messageId', message) id: string,
    @Body() dto: MarkVoicemailMessageDto,
  ): Promise<VoicemailMessageView> {
    return this.svc.markHeard(p, b, id, dto.heard);
  }

  @Delete(':messageId')
  @HttpCode(204)
  async remove(
    @Param('propertyId', property) p: string,
    @Param('voicemailBoxId', box) b: string,
    @Param('messageId', message) id: string,
  ) {
    await this.svc.remove(p, b, id);
  }
}
