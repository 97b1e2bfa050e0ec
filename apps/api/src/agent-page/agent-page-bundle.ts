import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Builds the served /agent/app.js from browser/tsconfig.json's output (dist/agent-page/, ES2019
 * CommonJS), the way the DNI script is built: each module wrapped in a function and linked by a
 * tiny `require`, so the browser gets one self-contained script with no loader or framework.
 */

/** dist/apps/api/src/agent-page → dist/agent-page. */
const DEFAULT_DIR = path.join(__dirname, '..', '..', '..', '..', 'agent-page');
const ENTRY = 'agent-app';

export interface Asset {
  body: string | Buffer;
  etag: string;
}

export const etagOf = (body: string | Buffer): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

export function buildAgentAppScript(dir = DEFAULT_DIR): Asset {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  } catch (err) {
    throw new Error(`The agent page is not built (npm run build): ${String(err)}`);
  }
  if (!files.includes(`${ENTRY}.js`))
    throw new Error(`The agent page is not built: no ${ENTRY}.js in ${dir}`);
  const mods = files.sort().map((file) => {
    const src = readFileSync(path.join(dir, file), 'utf8')
      .replace(/^"use strict";\n/, '')
      .replace(/^\/\/# sourceMappingURL=.*$/m, '')
      .trim();
    return `M[${JSON.stringify(file.slice(0, -3))}]=function(exports,require){${src}\n};`;
  });
  // Modules are siblings, named by file name: `require("./dom")` resolves by its last segment.
  const loader =
    'var M={},C={};function load(n){n=n.slice(n.lastIndexOf("/")+1);' +
    'if(!C[n]){C[n]={};M[n](C[n],load);}return C[n];}';
  const body = `(function(){"use strict";${loader}\n${mods.join('\n')}\nload(${JSON.stringify(ENTRY)}).start();})();\n`;
  return { body, etag: etagOf(body) };
}

/** @telnyx/webrtc's own browser bundle (UMD, sets `window.TelnyxWebRTC`), read from node_modules. */
export function readTelnyxWebrtcBundle(): Asset {
  const body = readFileSync(require.resolve('@telnyx/webrtc/lib/bundle.js'));
  return { body, etag: etagOf(body) };
}
