import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Prompt } from '../prompt';
import { recordingDisclosureOf } from '../recording-disclosure';
import { flowResources } from '../step-links';
import { sunsetFlow } from './fixtures';

const flowOwn: Prompt = { kind: 'tts', text: 'This call may be recorded.' };
const propertyDefault: Prompt = { kind: 'audio', audioId: 'disclosure' };

describe('recordingDisclosureOf: the disclosure a call plays before it is recorded', () => {
  test("the flow's own disclosure comes before the property's default", () => {
    assert.deepEqual(
      recordingDisclosureOf({ recording: true, recordingDisclosure: flowOwn }, propertyDefault),
      {
        prompt: flowOwn,
        source: 'flow',
      },
    );
  });

  test("a flow without one plays the property's default", () => {
    assert.deepEqual(recordingDisclosureOf({ recording: true }, propertyDefault), {
      prompt: propertyDefault,
      source: 'property',
    });
  });

  test('nothing plays when neither has one', () => {
    assert.equal(recordingDisclosureOf({ recording: true }, null), null);
    assert.equal(recordingDisclosureOf({ recording: true }, undefined), null);
  });

  test('nothing plays when the flow does not record, whatever is set', () => {
    assert.equal(
      recordingDisclosureOf({ recording: false, recordingDisclosure: flowOwn }, propertyDefault),
      null,
    );
  });

  test("a disclosure's audio file is one of the resources the flow names (a delete of it is refused)", () => {
    const flow = { ...sunsetFlow, recordingDisclosure: { kind: 'audio', audioId: 'notice' } as Prompt };
    assert.ok(flowResources(flow).some((r) => r.kind === 'audio' && r.id === 'notice'));
    assert.ok(!flowResources(sunsetFlow).some((r) => r.kind === 'audio' && r.id === 'notice'));
  });
});
