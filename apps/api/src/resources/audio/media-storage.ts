import type { Provider } from '@nestjs/common';
import type { SwitchboardConfig } from '@switchboard/config';
import { FilesystemBlobStore, type BlobStore } from '@switchboard/persistence';
import { CONFIG } from '../../common/tokens';

/** The BlobStore holding uploaded audio. */
export const BLOB_STORE = Symbol('BLOB_STORE');

/** MEDIA_DIR on this host; an S3-compatible BlobStore would be chosen here, from configuration. */
export const blobStoreProvider: Provider = {
  provide: BLOB_STORE,
  inject: [CONFIG],
  useFactory: (cfg: SwitchboardConfig): BlobStore => new FilesystemBlobStore(cfg.media.dir),
};

const EXTENSIONS: Record<string, string> = { 'audio/mpeg': 'mp3', 'audio/wav': 'wav', 'audio/x-wav': 'wav' };

/** Where an audio file's bytes are stored: one key per content (public id), grouped by property. */
export function audioKey(propertyId: string, publicId: string, contentType: string): string {
  return `audio/${propertyId}/${publicId}.${EXTENSIONS[contentType] ?? 'bin'}`;
}
