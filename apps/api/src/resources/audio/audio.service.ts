import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SwitchboardConfig } from '@switchboard/config';
import { AudioFileEntity, audioPublicPath } from '@switchboard/persistence';
import { ApiError } from '../../common/api-error';
import { CONFIG } from '../../common/tokens';
import { chooseId } from '../resource-id';
import { ResourceStore, type WriteMode } from '../resource-store';
import { decodeAudio } from './audio-content';
import type { AudioDto } from './dto';

/** Metadata only; the bytes are at `url`. */
export interface AudioView {
  propertyId: string;
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  /** Where the carrier (and anyone with the link) fetches the file, without an API key. */
  url: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Audio prompts that flows, ring groups and voicemail boxes play by id. */
@Injectable()
export class AudioService {
  private readonly store: ResourceStore<AudioFileEntity>;

  constructor(
    private readonly ds: DataSource,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {
    this.store = new ResourceStore(ds, AudioFileEntity, 'audio');
  }

  private view(r: AudioFileEntity): AudioView {
    return {
      propertyId: r.propertyId,
      id: r.id,
      name: r.name,
      contentType: r.contentType,
      sizeBytes: r.sizeBytes,
      url: this.cfg.media.publicBaseUrl + audioPublicPath(r.publicId),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }

  async list(propertyId: string): Promise<AudioView[]> {
    return (await this.store.list(propertyId)).map((r) => this.view(r));
  }

  async get(propertyId: string, id: string): Promise<AudioView> {
    return this.view(await this.store.get(propertyId, id));
  }

  async save(propertyId: string, dto: AudioDto, mode: WriteMode, pathId?: string): Promise<AudioView> {
    const id = chooseId(dto, pathId);
    const row = await this.store.write(propertyId, id, mode, async (m, existing) => {
      const content = decodeAudio(dto.contentType, dto.contentBase64);
      if (existing) {
        // New bytes get a new public URL, so a URL always names the same bytes and the carrier may
        // cache it for good; the same bytes again (a bundle re-applied) keep theirs.
        await m.query(
          `UPDATE audio_files SET public_id = gen_random_uuid()
            WHERE property_id = $1 AND id = $2 AND (content <> $3 OR content_type <> $4)`,
          [propertyId, id, content, dto.contentType],
        );
      }
      return { name: dto.name, contentType: dto.contentType, content, sizeBytes: content.length };
    });
    return this.view(row);
  }

  remove(propertyId: string, id: string): Promise<void> {
    return this.store.remove(propertyId, id);
  }

  /** The bytes behind a public URL. */
  async content(publicId: string): Promise<{ contentType: string; content: Buffer }> {
    const rows: { contentType: string; content: Buffer }[] = await this.ds.query(
      `SELECT content_type AS "contentType", content FROM audio_files WHERE public_id = $1`,
      [publicId],
    );
    if (!rows[0]) throw ApiError.notFound('audio file', publicId);
    return rows[0];
  }
}
