import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinPath, pointerPath } from '../paths';

describe('bundle paths', () => {
  it('join a prefix and a field, indexes without a dot', () => {
    assert.equal(joinPath('schedules[2]', 'weekly[0].start'), 'schedules[2].weekly[0].start');
    assert.equal(joinPath('agents', '[1]'), 'agents[1]');
    assert.equal(joinPath('', 'name'), 'name');
    assert.equal(joinPath('default_flow', ''), 'default_flow');
  });

  it('read JSON pointers, escapes included', () => {
    assert.equal(pointerPath(''), '');
    assert.equal(pointerPath('/flows/0/definition/steps'), 'flows[0].definition.steps');
    assert.equal(pointerPath('/0/a~1b/c~0d'), '[0].a/b.c~d');
  });
});
