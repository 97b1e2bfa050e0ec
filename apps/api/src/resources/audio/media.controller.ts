import { Controller, Get, Headers, Inject, Param, Query, Res, type StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { mediaSigningSecret, type SwitchboardConfig } from '@switchboard/config';
import { audioPublicPath } from '@switchboard/persistence';
import { Public } from '../../auth/auth.decorators';
import { CONFIG } from '../../common/tokens';
import { UuidParam } from '../../common/uuid-param.pipe';
import { sendSignedAudio } from './audio-response';
import { AudioService } from './audio.service';
import { ApiOkResponse } from '@nestjs/swagger';
import { notJson } from '../../openapi/responses';

/**
 * Public, key-less media (no API key: the signature is the credential): the carrier fetches
 * prompts from here while playing them, so the route is outside /v1. Only signed URLs are served (signMediaPath: the worker signs what it gives the
 * carrier, the audio views sign their `url`), so a leaked URL stops working when it expires. The
 * public id changes whenever the bytes do, so a URL's content never changes and may be cached
 * until it expires.
 */
@Public()
@Controller('media/audio')
export class MediaController {
  constructor(
    private readonly svc: AudioService,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  @Get(':publicId')
  @ApiOkResponse(
    notJson('The audio (206 for a `Range` request)', ['audio/mpeg', 'audio/wav', 'audio/x-wav'], true),
  )
  async audio(
    @Param('publicId', new UuidParam('publicId')) publicId: string,
    @Query('expires') expires: unknown,
    @Query('sig') sig: unknown,
    @Headers('range') range: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return sendSignedAudio(
      res,
      { path: audioPublicPath(publicId), query: { expires, sig }, range },
      mediaSigningSecret(this.cfg),
      'immutable',
      () => this.svc.bytesByPublicId(publicId),
    );
  }
}
