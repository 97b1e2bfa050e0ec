import type { Readable } from 'node:stream';

/** Bytes `start` to `end` of a blob, both included (an HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface BlobRead {
  /** The requested bytes (the whole blob without a range). */
  stream: Readable;
  /** The whole blob's size, whatever the range. */
  size: number;
}

/**
 * Where media bytes live, by key, outside the database: uploaded audio today, maybe copied call
 * recordings later. Keys are `/`-separated paths of `[A-Za-z0-9._-]` segments, which a filesystem
 * folder and an S3-compatible bucket (PutObject, GetObject with Range, HeadObject, DeleteObject)
 * both hold as they are. A blob is written whole and never changed in place: a new version of
 * something gets a new key, so readers never see a half-written blob.
 */
export interface BlobStore {
  /** Stores the bytes under `key`, replacing what was there. */
  put(key: string, bytes: Buffer, opts?: { contentType?: string }): Promise<void>;
  /** The blob's bytes as a stream, or null when there is no such key. */
  get(key: string, range?: ByteRange): Promise<BlobRead | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the blob; removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Refuses keys that are not plain relative paths (no `..`, no leading `/` or `.`), whatever the store. */
export function checkBlobKey(key: string): string {
  if (!KEY.test(key) || key.length > 512) throw new Error(`invalid blob key "${key}"`);
  return key;
}
