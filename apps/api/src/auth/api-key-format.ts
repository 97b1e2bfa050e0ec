import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `sbk_<prefix>_<secret>`: the prefix (public, 12 hex characters) finds the
 * key's row, the secret (32 random bytes) proves possession. Only a SHA-256 of the whole key is
 * stored: the secret is random, so a slow password hash would add nothing but latency.
 */
const KEY_PATTERN = /^sbk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  key: string;
  prefix: string;
  hash: Buffer;
}

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(6).toString('hex');
  const key = `sbk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/** The prefix of a well-formed key, or null for anything else. */
export function apiKeyPrefix(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null;
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

export function apiKeyMatches(key: string, storedHash: Buffer): boolean {
  const h = hashApiKey(key);
  return h.length === storedHash.length && timingSafeEqual(h, storedHash);
}
