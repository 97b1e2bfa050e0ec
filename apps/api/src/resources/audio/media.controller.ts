import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { UuidParam } from '../../common/uuid-param.pipe';
import { AudioService } from './audio.service';

/**
 * Public, key-less media: the carrier fetches prompts from here while playing them, so the route
 * is outside /v1. The random public id is the only secret; it changes whenever the bytes do, which
 * makes every URL's content immutable and safe to cache.
 */
@Controller('media/audio')
export class MediaController {
  constructor(private readonly svc: AudioService) {}

  @Get(':publicId')
  @Header('cache-control', 'public, max-age=31536000, immutable')
  async audio(@Param('publicId', new UuidParam('publicId')) publicId: string): Promise<StreamableFile> {
    const { contentType, content } = await this.svc.content(publicId);
    return new StreamableFile(content, { type: contentType, length: content.length });
  }
}
