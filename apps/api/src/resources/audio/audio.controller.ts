import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { UuidParam } from '../../common/uuid-param.pipe';
import { ResourceIdParam } from '../resource-id';
import { AudioService } from './audio.service';
import { AudioDto } from './dto';

const property = new UuidParam('propertyId');
const audio = new ResourceIdParam('audioId');

/** Upload and manage prompts; the bytes themselves are served by MediaController. */
@Controller({ path: 'properties/:propertyId/audio', version: '1' })
export class AudioController {
  constructor(private readonly svc: AudioService) {}

  @Post()
  create(@Param('propertyId', property) p: string, @Body() dto: AudioDto) {
    return this.svc.save(p, dto, 'create');
  }

  @Get()
  async list(@Param('propertyId', property) p: string) {
    return { items: await this.svc.list(p) };
  }

  @Get(':audioId')
  get(@Param('propertyId', property) p: string, @Param('audioId', audio) id: string) {
    return this.svc.get(p, id);
  }

  /** Creates or replaces the audio file with this id (new bytes get a new url). */
  @Put(':audioId')
  replace(
    @Param('propertyId', property) p: string,
    @Param('audioId', audio) id: string,
    @Body() dto: AudioDto,
  ) {
    return this.svc.save(p, dto, 'replace', id);
  }

  @Delete(':audioId')
  @HttpCode(204)
  async remove(@Param('propertyId', property) p: string, @Param('audioId', audio) id: string) {
    await this.svc.remove(p, id);
  }
}
