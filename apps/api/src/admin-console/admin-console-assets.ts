import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { etagOf, type Asset } from '../agent-page/agent-page-bundle';

/** dist/apps/api/src/admin-console → dist/admin, where `npm run build` puts the console (apps/admin). */
const DEFAULT_DIR = path.join(__dirname, '..', '..', '..', '..', 'admin');

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface ConsoleAsset extends Asset {
  contentType: string;
  /** The body gzipped once at start (level 9): the page's script is most of what a first visit loads. */
  gzipped: Buffer;
}

function asset(body: string | Buffer, contentType: string): ConsoleAsset {
  return { body, etag: etagOf(body), contentType, gzipped: gzipSync(body, { level: 9 }) };
}

/** The built console: its page, and its hashed assets by file name (read once, held in memory). */
export interface ConsoleFiles {
  index: ConsoleAsset;
  assets: ReadonlyMap<string, ConsoleAsset>;
}

export function readConsoleFiles(dir = DEFAULT_DIR): ConsoleFiles {
  let html: string;
  try {
    html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  } catch (err) {
    throw new Error(`The admin console is not built (npm run build): ${String(err)}`);
  }
  const assets = new Map<string, ConsoleAsset>();
  const assetDir = path.join(dir, 'assets');
  for (const name of readdirSync(assetDir)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    assets.set(name, asset(readFileSync(path.join(assetDir, name)), type));
  }
  return { index: asset(html, 'text/html; charset=utf-8'), assets };
}
