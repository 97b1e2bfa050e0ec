import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

const START = path.join(__dirname, '..', '..', 'scripts', 'start-stack.js');

/** `npm start -- <args>` as far as its flags: a bad one must stop it before anything starts. */
function start(...args: string[]) {
  const r = spawnSync(process.execPath, [START, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, err: r.stderr.trim(), out: r.stdout };
}

describe('npm start refuses a mistyped flag in one line, naming it, before starting anything', () => {
  const cases: [string[], string][] = [
    [['--apis', '0'], 'npm start: --apis takes a whole number from 1 to 16, got 0'],
    [['--workers=two'], 'npm start: --workers takes a whole number from 1 to 16, got two'],
    [['--temporal', 'sqlite'], 'npm start: --temporal takes dev or postgres, got sqlite'],
    [
      ['--api', '2'],
      'npm start: unknown option --api: npm start takes --temporal dev|postgres, --apis N, --workers N',
    ],
  ];
  for (const [args, message] of cases)
    it(args.join(' '), () => {
      const r = start(...args);
      assert.equal(r.status, 2);
      assert.equal(r.err, message);
      assert.equal(r.out, '', 'nothing started, nothing printed');
    });
});
