import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { UuidParam } from '../../common/uuid-param.pipe';
import { ResourceIdParam } from '../resource-id';
import { VoicemailBoxDto } from './dto';
import type { VoicemailBoxList, VoicemailBoxView } from './voicemail-box.view';
import { VoicemailBoxesService } from './voicemail-boxes.service';

const property = new UuidParam('propertyId');
const box = new ResourceIdParam('voicemailBoxId');

@Controller({ path: 'properties/:propertyId/voicemail-boxes', version: '1' })
export class VoicemailBoxesController {
  constructor(private readonly svc: VoicemailBoxesService) {}

  @Post()
  create(@Param('propertyId', property) p: string, @Body() dto: VoicemailBoxDto): Promise<VoicemailBoxView> {
    return this.svc.save(p, dto, 'create');
  }

  @Get()
  async list(@Param('propertyId', property) p: string): Promise<VoicemailBoxList> {
    return { items: await this.svc.list(p) };
  }

  @Get(':voicemailBoxId')
  get(
    @Param('propertyId', property) p: string,
    @Param('voicemailBoxId', box) id: string,
  ): Promise<VoicemailBoxView> {
    return this.svc.get(p, id);
  }

  /** Creates or replaces the voicemail box with this id. */
  @Put(':voicemailBoxId')
  replace(
    @Param('propertyId', property) p: string,
    @Param('voicemailBoxId', box) id: string,
    @Body() dto: VoicemailBoxDto,
  ): Promise<VoicemailBoxView> {
    return this.svc.save(p, dto, 'replace', id);
  }

  @Delete(':voicemailBoxId')
  @HttpCode(204)
  async remove(@Param('propertyId', property) p: string, @Param('voicemailBoxId', box) id: string) {
    await this.svc.remove(p, id);
  }
}
