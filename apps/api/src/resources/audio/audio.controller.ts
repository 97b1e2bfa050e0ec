import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  type StreamableFile,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiResponse } from '@nestjs/swagger';
import { BodyLimit } from '../../common/json-body';
import { UuidParam } from '../../common/uuid-param.pipe';
import { ResourceIdParam } from '../resource-id';
import { AUDIO_CONTENT_TYPES, AUDIO_JSON_LIMIT, rawAudioType, readAudioBody } from './audio-content';
import { sendAudio } from './audio-response';
import { AudioService } from './audio.service';
import { AudioDto, RenameAudioDto, UploadAudioQuery } from './dto';
import type { AudioList, AudioView } from './audio.view';

const property = new UuidParam('propertyId');
const audio = new ResourceIdParam('audioId');

/** An audio file's bytes, in whichever of the accepted types it was uploaded as. */
const AUDIO_BYTES = Object.fromEntries(
  AUDIO_CONTENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
);

/**
 * Upload and manage prompts; the carrier fetches the bytes from MediaController's signed URLs.
 * JSON uploads carry the bytes as base64: a larger body limit than the api's.
 */
@BodyLimit(AUDIO_JSON_LIMIT)
@Controller({ path: 'properties/:propertyId/audio', version: '1' })
export class AudioController {
  constructor(private readonly svc: AudioService) {}

  @Post()
  create(@Param('propertyId', property) p: string, @Body() dto: AudioDto): Promise<AudioView> {
    return this.svc.save(p, dto, 'create');
  }

  @Get()
  async list(@Param('propertyId', property) p: string): Promise<AudioList> {
    return { items: await this.svc.list(p) };
  }

  @Get(':audioId')
  get(@Param('propertyId', property) p: string, @Param('audioId', audio) id: string): Promise<AudioView> {
    return this.svc.get(p, id);
  }

  /** Creates or replaces the audio file with this id (new bytes get a new url). */
  @Put(':audioId')
  replace(
    @Param('propertyId', property) p: string,
    @Param('audioId', audio) id: string,
    @Body() dto: AudioDto,
  ): Promise<AudioView> {
    return this.svc.save(p, dto, 'replace', id);
  }

  /** Renames; the bytes and their URL stay. */
  @Patch(':audioId')
  rename(
    @Param('propertyId', property) p: string,
    @Param('audioId', audio) id: string,
    @Body() dto: RenameAudioDto,
  ): Promise<AudioView> {
    return this.svc.rename(p, id, dto.name);
  }

  /**
   * The bytes as the body (Content-Type audio/mpeg, audio/wav or audio/x-wav), without base64:
   * replaces the file's bytes (a new url) or creates the file.
   */
  @Put(':audioId/content')
  async upload(
    @Param('propertyId', property) p: string,
    @Param('audioId', audio) id: string,
    @Query() q: UploadAudioQuery,
    @Req() req: Request,
  ): Promise<AudioView> {
    const type = rawAudioType(req.headers['content-type']);
    return this.svc.upload(p, id, type, await readAudioBody(req, type), q.name);
  }

  /** Plays the file back (with Range support), for reviewing it. */
  @Get(':audioId/content')
  // The bytes, in the file's own type: no return type says that, so it is declared here.
  @ApiResponse({ status: 200, description: 'The whole file', content: AUDIO_BYTES })
  @ApiResponse({ status: 206, description: 'The range asked for (`Content-Range`)', content: AUDIO_BYTES })
  async content(
    @Param('propertyId', property) p: string,
    @Param('audioId', audio) id: string,
    @Headers('range') range: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return sendAudio(res, await this.svc.bytesOf(p, id), range);
  }

  @Delete(':audioId')
  @HttpCode(204)
  async remove(@Param('propertyId', property) p: string, @Param('audioId', audio) id: string) {
    await this.svc.remove(p, id);
  }
}
