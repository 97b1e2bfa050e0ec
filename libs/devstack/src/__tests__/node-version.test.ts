import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkNodeVersion, enginesMajors, rootPackageJson, supportedNodeMajors } from '../node-version';

/** scripts/ensure-node.sh's pins: one `<major>) version=<exact> ;;` line per major. */
function pinnedVersions(): Map<number, string> {
  const script = readFileSync(
    path.join(path.dirname(rootPackageJson()), 'scripts', 'ensure-node.sh'),
    'utf8',
  );
  return new Map(
    [...script.matchAll(/^\s*(\d+)\) version=(\d+\.\d+\.\d+) ;;$/gm)].map((m) => [Number(m[1]), m[2]]),
  );
}

describe('supported Node.js versions', () => {
  it('are 24 (recommended, first) and 22: Node 20 is past its end of life', () => {
    assert.deepEqual(supportedNodeMajors(), [24, 22]);
  });

  it('each have an exact pin in scripts/ensure-node.sh, within the engines range', () => {
    const pins = pinnedVersions();
    const range = (JSON.parse(readFileSync(rootPackageJson(), 'utf8')) as { engines: { node: string } })
      .engines.node;
    for (const part of range.split('||')) {
      const [major, minor] = part.trim().replace(/^\^/, '').split('.').map(Number);
      const pin = pins.get(major);
      assert.ok(pin, `scripts/ensure-node.sh pins no Node ${major}`);
      assert.ok(
        Number(pin.split('.')[1]) >= minor,
        `pinned ${pin} is below the engines range ${part.trim()}`,
      );
    }
    assert.deepEqual(
      [...pins.keys()].sort(),
      supportedNodeMajors().sort(),
      'a pin for a major engines does not name',
    );
  });

  it('reads the majors of an engines range in order', () => {
    assert.deepEqual(enginesMajors('^24.11.0 || ^22.13.0'), [24, 22]);
    assert.deepEqual(enginesMajors('>=20.11'), [20]);
    assert.deepEqual(enginesMajors(''), []);
  });
});

describe('the Node.js check of npm start and npm test', () => {
  const supported = [24, 22];

  it('names the version and binary, with no warning on a supported major', () => {
    for (const v of ['v24.22.3', 'v22.23.5']) {
      const c = checkNodeVersion(v, '/opt/node/bin/node', supported);
      assert.equal(c.info, `Node.js ${v} (/opt/node/bin/node)`);
      assert.equal(c.warning, null);
    }
  });

  it('warns, naming the supported majors, on Node 20 (end of life) and on an untested newer one', () => {
    const old = checkNodeVersion('v20.20.2', '/usr/bin/node', supported);
    assert.match(old.warning ?? '', /v20\.20\.2 is not supported \(it is past its end of life\)/);
    assert.match(old.warning ?? '', /Node 24 \(recommended\) and 22/);
    assert.match(old.warning ?? '', /scripts\/ensure-node\.sh/);
    const newer = checkNodeVersion('v26.1.0', '/usr/bin/node', supported);
    assert.match(newer.warning ?? '', /v26\.1\.0 is not supported \(it is not tested yet\)/);
  });
});
