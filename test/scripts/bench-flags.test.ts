import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseEngineArgs } from '../../scripts/bench-engine';

const SCRIPTS = path.join(__dirname, '..', '..', 'scripts');

/** A benchmark run with `args`: a bad flag must stop it before any stack starts. */
function bench(script: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(SCRIPTS, script), ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, err: r.stderr.trim(), out: r.stdout };
}

describe('bench:engine and bench:runtime refuse a mistyped flag in one line, naming it', () => {
  const cases: [string, string[], string][] = [
    [
      'bench-engine.js',
      ['--engine', 'v2'],
      'bench:engine: unknown option --engine: it takes --engines v1,v2, --calls N, --json',
    ],
    ['bench-engine.js', ['--engines', 'v3'], 'bench:engine: --engines takes v1 and/or v2, got v3'],
    ['bench-engine.js', ['--engines=v2,v2'], 'bench:engine: --engines names one twice: v2,v2'],
    ['bench-engine.js', ['--calls', '0'], 'bench:engine: --calls takes a whole number from 1, got 0'],
    ['bench-engine.js', ['--calls', '--json'], 'bench:engine: --calls takes a value, got nothing'],
    ['bench-engine.js', ['--json=yes'], 'bench:engine: --json takes no value, got --json=yes'],
    ['bench-runtime.js', ['--rate', '5'], 'bench:runtime: unknown option --rate: it takes --calls N, --json'],
  ];
  for (const [script, args, message] of cases)
    it(`${script} ${args.join(' ')}`, () => {
      const r = bench(script, ...args);
      assert.equal(r.err, message);
      assert.equal(r.status, 2);
      assert.equal(r.out, '', 'nothing started, nothing printed');
    });
});

describe("bench:engine's flags", () => {
  it('defaults to both engines, v1 first, 100 calls per step', () => {
    assert.deepEqual(parseEngineArgs([]), { engines: ['v1', 'v2'], calls: 100, json: false });
  });

  it('takes the engines in the order given, and --calls N or --calls=N', () => {
    assert.deepEqual(parseEngineArgs(['--engines', 'v2,v1', '--calls=20', '--json']), {
      engines: ['v2', 'v1'],
      calls: 20,
      json: true,
    });
    assert.deepEqual(parseEngineArgs(['--engines=v2', '--calls', '5']).engines, ['v2']);
  });
});
