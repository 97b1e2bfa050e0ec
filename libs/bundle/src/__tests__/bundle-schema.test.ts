import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BUNDLE_SCHEMA, bundleSchemaIssues, duplicateIssues, type Bundle } from '..';

const bundle: Bundle = {
  property: { name: 'Sunset Apartments', time_zone: 'America/Chicago' },
  sources: [{ name: 'Zillow' }],
  audio: [{ id: 'hello', name: 'Hello', contentType: 'audio/wav', contentBase64: 'UklGRg==' }],
  voicemail_boxes: [
    { id: 'main', name: 'Main', agentId: null, greeting: { kind: 'audio', audioId: 'hello' } },
  ],
  numbers: [{ number: '+13125550199', source: 'Zillow', forward_to: '+13125550111' }],
};

describe('the bundle schema', () => {
  it('ships beside the compiled library, not in docs/', () => {
    assert.ok(existsSync(path.join(__dirname, '..', 'bundle.schema.json')));
    assert.equal(BUNDLE_SCHEMA.$id, 'https://switchboard.dev/schemas/bundle.schema.json');
  });

  it('takes a bundle as it is', () => {
    assert.deepEqual(bundleSchemaIssues(bundle), []);
  });

  it('names every problem at once by its path, missing and unknown fields by their own', () => {
    const broken = {
      ...bundle,
      extra: 1,
      numbers: [{ number: '555', forward_to: '+13125550111' }],
      audio: [{ id: 'hello', name: 'Hello', contentType: 'audio/wav' }],
    };
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    assert.deepEqual(bundleSchemaIssues(broken).sort(byPath), [
      // Neither contentBase64 nor file: each alternative says what it misses.
      { path: 'audio[0]', message: 'must match exactly one schema in oneOf' },
      { path: 'audio[0].contentBase64', message: 'is required' },
      { path: 'audio[0].file', message: 'is required' },
      { path: 'extra', message: 'is not a known field' },
      { path: 'numbers[0].number', message: 'must match pattern "^\\+[1-9][0-9]{6,14}$"' },
      { path: 'numbers[0].source', message: 'is required' },
    ]);
  });

  it('calls a document that is not an object a problem of the whole document', () => {
    assert.deepEqual(bundleSchemaIssues([]), [{ path: '', message: 'must be object' }]);
  });
});

describe('duplicateIssues', () => {
  it('names each repeated key with the item it repeats', () => {
    const twice: Bundle = {
      ...bundle,
      sources: [{ name: 'Zillow' }, { name: 'Zillow' }],
      numbers: [...bundle.numbers, ...bundle.numbers, ...bundle.numbers],
    };
    assert.deepEqual(duplicateIssues(twice), [
      { path: 'sources[1].name', message: '"Zillow" is also sources[0]' },
      { path: 'numbers[1].number', message: '"+13125550199" is also numbers[0]' },
      { path: 'numbers[2].number', message: '"+13125550199" is also numbers[0]' },
    ]);
    assert.deepEqual(duplicateIssues(bundle), []);
  });
});
