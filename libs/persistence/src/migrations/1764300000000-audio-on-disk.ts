import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audio bytes move from the `content` column to a BlobStore (MEDIA_DIR by default). A migration
 * cannot reach the store, so existing rows keep their bytes in `content` (now nullable) with no
 * `storage_key`; the api moves each one into the store the first time it reads it, then clears
 * `content`. `sha256` tells "the same bytes again" (which keep their URL) without reading them.
 */
export class AudioOnDisk1764300000000 implements MigrationInterface {
  name = 'AudioOnDisk1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audio_files
        ADD COLUMN storage_key text,
        ADD COLUMN sha256 text,
        ALTER COLUMN content DROP NOT NULL`);
    await q.query(`UPDATE audio_files SET sha256 = encode(sha256(content), 'hex')`);
    await q.query(`
      ALTER TABLE audio_files
        ALTER COLUMN sha256 SET NOT NULL,
        -- the bytes are somewhere: in the store, or (rows not yet moved) still in the row
        ADD CONSTRAINT ck_audio_files_bytes CHECK (storage_key IS NOT NULL OR content IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const moved = (await q.query(`SELECT 1 FROM audio_files WHERE content IS NULL LIMIT 1`)) as unknown[];
    // Going back would lose those bytes: the column is all the old schema has.
    if (moved.length)
      throw new Error('audio_files rows have their bytes in the blob store only; copy them back first');
    await q.query(`
      ALTER TABLE audio_files
        DROP CONSTRAINT ck_audio_files_bytes,
        DROP COLUMN sha256,
        DROP COLUMN storage_key,
        ALTER COLUMN content SET NOT NULL`);
  }
}
