import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A new local part for a source's inbound address: the source's name as a slug (so a reader of
 * the forwarded mail sees where it came from) plus 8 random characters (so addresses cannot be
 * guessed from a name and two sources called "Zillow" in different accounts do not collide).
 */
export function newLocalPart(sourceName: string): string {
  const slug =
    sourceName
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 24)
      .replace(/-+$/, '') || 'source';
  const bytes = randomBytes(8);
  const suffix = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${slug}-${suffix}`;
}
