import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Builds the served DNI script from browser/tsconfig.json's output (dist/dni-script/, ES2017
 * CommonJS): each module is wrapped in a function, and a ten-line `require` links them, so the
 * browser gets one self-contained IIFE with no loader, framework or global besides what it sets.
 */

/** The browser modules in dependency order, as `require` names them (relative to dist/dni-script/). */
const MODULES = ['phone-format', 'form-fields', 'browser/dni-client'] as const;
const ENTRY = 'browser/dni-client';

/** dist/apps/api/src/dni-script → dist/dni-script. */
const DEFAULT_DIR = path.join(__dirname, '..', '..', '..', '..', 'dni-script');

export interface DniScriptConfig {
  /** Where the script reaches the api, e.g. `https://api.example.com` (no trailing slash needed). */
  apiBase: string;
  dniKey: string;
}

export interface RenderedScript {
  body: string;
  etag: string;
}

function stripModuleNoise(js: string): string {
  return js
    .replace(/^"use strict";\n/, '')
    .replace(/^\/\/# sourceMappingURL=.*$/m, '')
    .trim();
}

/** The config-independent part: `(function(config){…modules…})`. */
export function buildDniScriptTemplate(dir = DEFAULT_DIR): string {
  const mods = MODULES.map((name) => {
    let src: string;
    try {
      src = readFileSync(path.join(dir, `${name}.js`), 'utf8');
    } catch (err) {
      throw new Error(`DNI script module ${name} is not built (npm run build): ${String(err)}`);
    }
    return `M[${JSON.stringify(path.basename(name))}]=function(exports,require){${stripModuleNoise(src)}\n};`;
  });
  // Modules are named by file name (no two share one), so `require("../phone-format")` resolves by
  // its last segment.
  const loader =
    'var M={},C={};function load(n){n=n.slice(n.lastIndexOf("/")+1);' +
    'if(!C[n]){C[n]={};M[n](C[n],load);}return C[n];}';
  return (
    '(function(config){"use strict";try{' +
    loader +
    '\n' +
    mods.join('\n') +
    `\nload(${JSON.stringify(path.basename(ENTRY))}).start(config);}catch(e){` +
    // Last resort: never leave the originals hidden, never throw into the page.
    'try{document.documentElement.classList.remove("sb-dni-pending");}catch(_){}}})'
  );
}

let template: string | undefined;

/** The script for one property: the template called with its api base and key. */
export function renderDniScript(cfg: DniScriptConfig, tpl?: string): RenderedScript {
  tpl ??= template ??= buildDniScriptTemplate();
  // `<` escaped so the config can never close a surrounding <script> if someone inlines the file.
  const json = JSON.stringify({ apiBase: cfg.apiBase, dniKey: cfg.dniKey }).replace(/</g, '\\u003c');
  const body = `${tpl}(${json});\n`;
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, etag };
}
