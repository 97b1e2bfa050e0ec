import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's package.json, found from wherever this file runs (src or dist). */
export function rootPackageJson(): string {
  let dir = __dirname;
  for (;;) {
    const file = path.join(dir, 'package.json');
    const ours =
      existsSync(file) &&
      (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'switchboard';
    if (ours) return file;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the switchboard package.json from ' + __dirname);
    dir = up;
  }
}

/** The majors an `engines.node` range names (`^24.11.0 || ^22.13.0` → [24, 22]), in its order. */
export function enginesMajors(range: string): number[] {
  return range
    .split('||')
    .map((part) => /\d+/.exec(part)?.[0])
    .filter((m): m is string => m !== undefined)
    .map(Number);
}

/**
 * The Node.js majors Switchboard supports: package.json's `engines.node`, the one place they are
 * named. The first is the recommended one (scripts/ensure-node.sh pins an exact version of each).
 */
export function supportedNodeMajors(): number[] {
  const pkg = JSON.parse(readFileSync(rootPackageJson(), 'utf8')) as { engines?: { node?: string } };
  return enginesMajors(pkg.engines?.node ?? '');
}

export interface NodeVersionCheck {
  /** Which Node runs this, for the first line of `npm start` and `npm test`. */
  info: string;
  /** Set when the major is not a supported one; a warning, not an error, so nothing is refused. */
  warning: string | null;
}

/** What `npm start` and `npm test` say about the Node.js they run on. */
export function checkNodeVersion(
  version: string = process.version,
  execPath: string = process.execPath,
  supported: number[] = supportedNodeMajors(),
): NodeVersionCheck {
  const info = `Node.js ${version} (${execPath})`;
  const major = Number(/^v?(\d+)/.exec(version)?.[1]);
  if (supported.includes(major)) return { info, warning: null };
  const names = supported.map((m, i) => (i === 0 ? `${m} (recommended)` : String(m))).join(' and ');
  // Every major below the newest supported one is past its end of life (odd majors never were LTS).
  const why = major < Math.max(...supported) ? 'it is past its end of life' : 'it is not tested yet';
  return {
    info,
    warning:
      `Node.js ${version} is not supported (${why}): Switchboard runs on Node ${names}. Continuing ` +
      'anyway; on Linux `bash scripts/ensure-node.sh` installs the recommended one and prints its bin folder.',
  };
}

/**
 * The first lines of `npm start` and `npm test`: which Node runs them and, on an unsupported major, a
 * warning on stderr (never an exit: a developer may still try another Node).
 */
export function announceNodeVersion(log: (line: string) => void): void {
  const node = checkNodeVersion();
  log(`running on ${node.info}`);
  if (node.warning) console.warn(`! ${node.warning}`);
}
