import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffSnapshots, snapshotToBundle, type Bundle, type ConfigSnapshot } from '..';

const before: ConfigSnapshot = {
  property: { name: 'Oak Court', time_zone: 'America/Chicago' },
  sources: [{ name: 'Zillow', dniRules: [], priority: 50 }],
  schedules: [{ id: 'office', name: 'Office', weekly: [] }],
  agents: [
    { id: 'ann', name: 'Ann', endpoint: { kind: 'phone', number: '+13125550111' }, available: true },
    { id: 'bob', name: 'Bob', endpoint: { kind: 'phone', number: '+13125550112' }, available: true },
  ],
  audio: [{ id: 'hello', name: 'Hello', contentType: 'audio/wav', sha256: 'aa' }],
  ring_groups: [],
  voicemail_boxes: [],
  flows: [],
  numbers: [{ number: '+13125550199', source: 'Zillow', forward_to: '+13125550111' }],
};

const named: Bundle = {
  property: before.property,
  sources: [{ name: 'Zillow' }],
  agents: [{ id: 'ann', name: 'Ann', endpoint: { kind: 'phone', number: '+13125550111' } }],
  numbers: before.numbers,
};

describe('diffSnapshots', () => {
  it('lists what the bundle names as unchanged, and nothing else, when nothing changed', () => {
    const d = diffSnapshots(before, structuredClone(before), named, { settings: true });
    assert.equal(d.changed, false);
    assert.deepEqual(d.changes.agents, { created: [], updated: [], unchanged: ['ann'], removed: [] });
    assert.deepEqual(d.changes.settings.unchanged, ['time_zone']);
    assert.deepEqual(d.changes.schedules.unchanged, []);
  });

  it('tells created, updated (key order aside) and removed items apart', () => {
    const after: ConfigSnapshot = {
      ...before,
      default_flow: 'Main',
      agents: [
        // The same agent with its keys in another order: not a change.
        { available: true, endpoint: { number: '+13125550111', kind: 'phone' }, name: 'Ann', id: 'ann' },
        { id: 'cat', name: 'Cat', endpoint: { kind: 'sip', uri: 'sip:cat@example.com' }, available: true },
      ],
      audio: [{ ...before.audio[0], sha256: 'bb' }],
    };
    const d = diffSnapshots(before, after, named, { settings: true });
    assert.equal(d.changed, true);
    assert.deepEqual(d.changes.agents, {
      created: ['cat'],
      updated: [],
      unchanged: ['ann'],
      removed: ['bob'],
    });
    assert.deepEqual(d.changes.audio.updated, ['hello']);
    // A default flow where there was none is a setting updated, not created.
    assert.deepEqual(d.changes.settings.updated, ['default_flow']);
  });
});

describe('snapshotToBundle', () => {
  it('leaves state out and carries each audio file inline', async () => {
    const b = await snapshotToBundle(before, async (id) => Buffer.from(`bytes of ${id}`));
    assert.deepEqual(b.agents?.[0], {
      id: 'ann',
      name: 'Ann',
      endpoint: { kind: 'phone', number: '+13125550111' },
    });
    assert.deepEqual(b.audio, [
      {
        id: 'hello',
        name: 'Hello',
        contentType: 'audio/wav',
        contentBase64: Buffer.from('bytes of hello').toString('base64'),
      },
    ]);
    assert.equal('default_flow' in b, false);
  });
});
