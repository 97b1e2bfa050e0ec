import { Module } from '@nestjs/common';
import { blobStoreProvider } from '../resources/audio/media-storage';
import { RecordingCopies } from './recording-copies';
import { RecordingLinks } from './recording-links';
import { RecordingMediaController } from './recording-media.controller';

/** Our copies of call recordings: made from the carrier's webhooks, served by signed URL. */
@Module({
  controllers: [RecordingMediaController],
  providers: [RecordingLinks, RecordingCopies, blobStoreProvider],
  exports: [RecordingLinks, RecordingCopies],
})
export class RecordingsModule {}
