import type { DataSource } from 'typeorm';
import { AudioFileEntity } from '../entities';
import { managerOf, type Tx } from '../transaction';
import { ResourceTable } from './resource-table';

/** The columns a read of an audio file's bytes needs. */
export interface StoredAudio {
  propertyId: string;
  publicId: string;
  storageKey: string | null;
  contentType: string;
  sizeBytes: number;
}

/**
 * Audio files' rows; their bytes live in the BlobStore under `storage_key`, except those of files
 * from before it, still in the row's `content` until their first read moves them.
 */
export class AudioRepository extends ResourceTable<AudioFileEntity> {
  constructor(ds: DataSource) {
    super(ds, AudioFileEntity);
  }

  /** The file behind a media URL's public id. */
  async byPublicId(publicId: string): Promise<StoredAudio | null> {
    const rows: StoredAudio[] = await this.ds.query(
      `SELECT property_id AS "propertyId", public_id AS "publicId", storage_key AS "storageKey",
              content_type AS "contentType", size_bytes AS "sizeBytes"
         FROM audio_files WHERE public_id = $1`,
      [publicId],
    );
    return rows[0] ?? null;
  }

  /** The bytes still in the row (null once moved) and where the store has them; null: no such file. */
  async rowContent(publicId: string): Promise<{ content: Buffer | null; storageKey: string | null } | null> {
    const rows: { content: Buffer | null; storageKey: string | null }[] = await this.ds.query(
      `SELECT content, storage_key AS "storageKey" FROM audio_files WHERE public_id = $1`,
      [publicId],
    );
    return rows[0] ?? null;
  }

  /**
   * Points the row at the store's copy of its bytes and clears them from the row, only if the row
   * still names these bytes and is not moved elsewhere; false when it did not (the copy is nobody's).
   */
  async pointAtStoredCopy(publicId: string, storageKey: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, updated] = await this.ds.query<[unknown[], number]>(
      `UPDATE audio_files SET storage_key = $2, content = NULL
        WHERE public_id = $1 AND (storage_key IS NULL OR storage_key = $2)`,
      [publicId, storageKey],
    );
    return updated > 0;
  }

  /**
   * New bytes of a file from before the store: they go with its old content (the row's CHECK wants
   * one of the two, so both change in one statement).
   */
  async replaceRowContent(propertyId: string, id: string, storageKey: string, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE audio_files SET storage_key = $3, content = NULL WHERE property_id = $1 AND id = $2`,
      [propertyId, id, storageKey],
    );
  }
}
