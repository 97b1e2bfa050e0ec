import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { http } from '@switchboard/scenarios';

/**
 * The dev stack's platform token and its "Dev account" key. A persistent stack keeps both in its
 * data folder, so the key printed by `npm start` keeps working across restarts; a throwaway stack
 * makes new ones.
 */
export function devAdminToken(dataDir: string | null, configured: string | undefined): string {
  return configured ?? devSecret(dataDir, 'admin-token');
}

/**
 * A random secret of this install (the media signing key, the admin token…): a persistent stack keeps
 * it in its data folder (readable by its owner only), so it survives restarts and no two installs
 * share one; a throwaway stack makes a new one. Nothing in the source can sign for anyone.
 */
export function devSecret(dataDir: string | null, name: string): string {
  const file = dataDir ? path.join(dataDir, name) : null;
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  if (file) writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** A working key of the dev account: the saved one if the api still accepts it, else a new account's. */
export async function devApiKey(apiUrl: string, dataDir: string | null, adminToken: string): Promise<string> {
  const file = dataDir ? path.join(dataDir, 'dev-api-key') : null;
  if (file && existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    const me = await http('GET', `${apiUrl}/v1/account`, undefined, { authorization: `Bearer ${saved}` });
    if (me.status === 200) return saved;
  }
  const r = await http(
    'POST',
    `${apiUrl}/v1/accounts`,
    { name: 'Dev account' },
    { authorization: `Bearer ${adminToken}` },
  );
  if (r.status !== 201)
    throw new Error(`creating the dev account failed: ${r.status} ${JSON.stringify(r.body)}`);
  const key = (r.body as { apiKey: { key: string } }).apiKey.key;
  if (file) writeFileSync(file, key, { mode: 0o600 });
  return key;
}
