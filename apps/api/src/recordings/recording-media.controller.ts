import { Controller, Get, Headers, Inject, Param, Query, Res, type StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { mediaSigningSecret, type SwitchboardConfig } from '@switchboard/config';
import type { BlobStore } from '@switchboard/persistence';
import { Public } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { CONFIG } from '../common/tokens';
import { UuidParam } from '../common/uuid-param.pipe';
import { sendSignedAudio } from '../resources/audio/audio-response';
import { BLOB_STORE } from '../resources/audio/media-storage';
import { RecordingLinks, recordingMediaPath } from './recording-links';
import { ApiOkResponse } from '@nestjs/swagger';
import { notJson } from '../openapi/responses';

/**
 * Our copies of call recordings, by signed URL only (RecordingLinks signs them for whoever may see
 * the call, for RECORDING_URL_TTL_SECS). No API key: the signature is the credential, so a browser's
 * `<audio>` element can play it; a leaked URL stops working within minutes.
 */
@Public()
@Controller('media/recordings')
export class RecordingMediaController {
  constructor(
    private readonly links: RecordingLinks,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  @Get(':recordingId')
  @ApiOkResponse(notJson('The recording (206 for a `Range` request)', ['audio/mpeg', 'audio/wav'], true))
  async recording(
    @Param('recordingId', new UuidParam('recordingId')) id: string,
    @Query('expires') expires: unknown,
    @Query('sig') sig: unknown,
    @Headers('range') range: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    // Private: a shared cache must not keep a call recording past its link.
    return sendSignedAudio(
      res,
      { path: recordingMediaPath(id), query: { expires, sig }, range },
      mediaSigningSecret(this.cfg),
      'private',
      async () => {
        const r = await this.links.recordings.get(id);
        if (!r || r.status !== 'stored' || !r.blobKey) throw ApiError.notFound('recording', id);
        const blobKey = r.blobKey;
        return {
          contentType: r.contentType ?? 'audio/mpeg',
          size: r.sizeBytes ?? 0,
          open: async (byteRange) => {
            const read = await this.blobs.get(blobKey, byteRange);
            if (!read) throw new Error(`recording ${id}: ${blobKey} is missing from the blob store`);
            return read.stream;
          },
        };
      },
    );
  }
}
