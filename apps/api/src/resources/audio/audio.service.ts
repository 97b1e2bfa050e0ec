import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { mediaSigningSecret, type SwitchboardConfig } from '@switchboard/config';
import {
  AudioRepository,
  audioPublicPath,
  signedMediaUrl,
  type AudioFileEntity,
  type BlobStore,
  type ByteRange,
  type StoredAudio,
  type Tx,
} from '@switchboard/persistence';
import { ApiError } from '../../common/api-error';
import { CONFIG } from '../../common/tokens';
import { chooseId } from '../resource-id';
import { ResourceService, type WriteMode } from '../resource-service';
import type { AudioContentType } from './audio-content';
import { decodeAudio } from './audio-content';
import type { AudioBytes } from './audio-response';
import type { AudioDto } from './dto';
import type { AudioView } from './audio.view';
import { audioKey, BLOB_STORE } from './media-storage';

/** Audio prompts that flows, ring groups and voicemail boxes play by id; bytes live in the BlobStore. */
@Injectable()
export class AudioService extends ResourceService<AudioFileEntity, AudioView> {
  private readonly log = new Logger('AudioService');

  constructor(
    private readonly audio: AudioRepository,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {
    super('audio', audio);
  }

  /** Metadata only; the bytes are at `url`. */
  protected fields(r: AudioFileEntity) {
    return {
      contentType: r.contentType,
      sizeBytes: r.sizeBytes,
      url: signedMediaUrl(
        { ...this.cfg.media, signingSecret: mediaSigningSecret(this.cfg) },
        audioPublicPath(r.publicId),
      ),
    };
  }

  /** A JSON upload (`contentBase64`): POST creates, PUT creates or replaces. */
  async save(
    propertyId: string,
    dto: AudioDto,
    mode: WriteMode,
    pathId?: string,
    tx?: Tx,
  ): Promise<AudioView> {
    const id = chooseId(dto, pathId);
    const bytes = decodeAudio(dto.contentType, dto.contentBase64);
    return this.writeBytes(propertyId, id, mode, { name: dto.name, contentType: dto.contentType, bytes }, tx);
  }

  /** A raw upload: replaces the bytes, or creates the file (named `name`, else its id). */
  upload(
    propertyId: string,
    id: string,
    contentType: AudioContentType,
    bytes: Buffer,
    name?: string,
  ): Promise<AudioView> {
    return this.writeBytes(propertyId, id, 'replace', { name, contentType, bytes });
  }

  rename(propertyId: string, id: string, name: string): Promise<AudioView> {
    return this.write(propertyId, id, 'update', async () => ({ name }));
  }

  /**
   * Stores new bytes under a new key, then commits the row naming them, then drops the old bytes:
   * a reader sees the old file or the new one, never neither. New bytes get a new public id, so a
   * URL always names the same bytes; the same bytes again (a bundle re-applied) keep theirs.
   */
  private writeBytes(
    propertyId: string,
    id: string,
    mode: WriteMode,
    c: { name?: string; contentType: AudioContentType; bytes: Buffer },
    tx?: Tx,
  ): Promise<AudioView> {
    const sha256 = createHash('sha256').update(c.bytes).digest('hex');
    return this.write(
      propertyId,
      id,
      mode,
      async (existing, t) => {
        const name = c.name ?? existing?.name ?? id;
        // Unchanged bytes (still in the row for files from before the store: moved when first read).
        if (existing && existing.sha256 === sha256 && existing.contentType === c.contentType) return { name };
        const publicId = randomUUID();
        const key = audioKey(propertyId, publicId, c.contentType);
        await this.blobs.put(key, c.bytes, { contentType: c.contentType });
        // Bytes of a rolled-back write are nobody's; the ones replaced go only once this commits.
        t.afterRollback(() => this.dropBlob(key));
        const superseded = existing?.storageKey;
        if (superseded) t.afterCommit(() => this.dropBlob(superseded));
        if (existing && !existing.storageKey) await this.audio.replaceRowContent(propertyId, id, key, t);
        return {
          name,
          contentType: c.contentType,
          sha256,
          sizeBytes: c.bytes.length,
          publicId,
          storageKey: key,
        };
      },
      tx,
    );
  }

  /** The bytes of a deleted file go once the delete commits. */
  protected override removed({ storageKey }: AudioFileEntity, tx: Tx): void {
    if (storageKey) tx.afterCommit(() => this.dropBlob(storageKey));
  }

  /** Bytes no row names any more; a failure leaves an orphan file, which is only wasted space. */
  private async dropBlob(key: string): Promise<void> {
    await this.blobs
      .delete(key)
      .catch((err: unknown) => this.log.warn(`could not delete ${key}: ${String(err)}`));
  }

  /** The bytes behind a media URL's public id (the caller checked its signature). */
  async bytesByPublicId(publicId: string): Promise<AudioBytes> {
    const stored = await this.audio.byPublicId(publicId);
    if (!stored) throw ApiError.notFound('audio file', publicId);
    return this.bytes(stored);
  }

  /** All of a file's bytes, for a bundle, which carries them inline. */
  async contentOf(propertyId: string, id: string): Promise<Buffer> {
    return collect(await this.bytesOf(propertyId, id));
  }

  /** The bytes of a property's audio file, for reviewing it. */
  async bytesOf(propertyId: string, id: string): Promise<AudioBytes> {
    return this.bytes(await this.row(propertyId, id));
  }

  private async bytes(a: StoredAudio): Promise<AudioBytes> {
    const { storageKey } = a;
    if (!storageKey) {
      const content = await this.moveToStore(a);
      return {
        contentType: a.contentType,
        size: content.length,
        open: async (r?: ByteRange) => Readable.from([r ? content.subarray(r.start, r.end + 1) : content]),
      };
    }
    return {
      contentType: a.contentType,
      size: a.sizeBytes,
      open: async (r?: ByteRange) => {
        const read = await this.blobs.get(storageKey, r);
        if (!read) throw new Error(`audio file ${a.publicId}: ${storageKey} is missing from the blob store`);
        return read.stream;
      },
    };
  }

  /**
   * A file from before the BlobStore: its bytes are read from the row, copied into the store and
   * cleared from the row. The row is only pointed at the copy if it still names these bytes (a
   * replace or delete may have come in between; the copy is then nobody's and is dropped). A
   * failed copy is logged and the bytes served anyway: the next read tries again.
   */
  private async moveToStore(a: StoredAudio): Promise<Buffer> {
    const row = await this.audio.rowContent(a.publicId);
    if (!row) throw ApiError.notFound('audio file', a.publicId);
    // Moved by a concurrent read since we looked.
    if (!row.content) return this.bytes({ ...a, storageKey: row.storageKey }).then(collect);
    const key = audioKey(a.propertyId, a.publicId, a.contentType);
    try {
      await this.blobs.put(key, row.content, { contentType: a.contentType });
      if (!(await this.audio.pointAtStoredCopy(a.publicId, key))) await this.dropBlob(key);
    } catch (err) {
      this.log.warn(`could not move audio file ${a.publicId} into the blob store: ${String(err)}`);
    }
    return row.content;
  }
}

/** All of a file's bytes (only for the rare read racing a move). */
async function collect(b: AudioBytes): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await b.open()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
