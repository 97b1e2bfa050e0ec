import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';
import { maybeRecordHistory } from '../support/histories';

const NUMBER = '+13125550250';
const AGENT = '+13125550211';

/**
 * Transcription end to end: a flow with transcription on, the simulator's scripted conversation
 * transcribed by the carrier, pieces stored by speaker, the call log searched by what was said, and
 * keyword rules scoring it, also when a piece arrives after the call was saved.
 */
describe('transcripts: carrier transcription, search and keyword scoring', () => {
  let stack: TestStack;
  let base: string;
  let propertyId: string;

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    const p = await stack.api('POST', '/v1/properties', {
      name: 'Harbor Flats',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    base = `/v1/properties/${propertyId}`;
    const flow = await stack.api('POST', `${base}/call-flows`, {
      name: 'Leasing, transcribed',
      definition: {
        initialStepId: 'leasing',
        recording: false,
        transcription: true,
        steps: [{ id: 'leasing', type: 'forward', to: AGENT, timeoutSeconds: 20, callerId: 'caller' }],
      },
    });
    assert.equal(flow.status, 201, JSON.stringify(flow.body));
    assert.equal(flow.body.definition.transcription, true);
    const src = await stack.api('POST', `${base}/sources`, { name: 'Apartments.com' });
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: NUMBER,
      sourceId: src.body.id,
      forwardTo: AGENT,
      callFlowId: flow.body.id,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    const rules = await stack.api('PUT', `${base}/scoring-rules`, {
      baseScore: 10,
      goodLeadAtLeast: 60,
      notALeadBelow: 30,
      rules: [
        { name: 'answered', when: { answered: true }, points: 20 },
        { name: 'asked for a tour', when: { transcriptHasAny: ['tour'] }, points: 40 },
        { name: 'wants to apply', when: { transcriptHasAny: ['apply'] }, points: 20 },
      ],
    });
    assert.equal(rules.status, 200, JSON.stringify(rules.body));
  });

  after(async () => {
    await stack?.stop();
  });

  /** Places a call whose caller and agent say `conversation` once connected; answers its record. */
  const call = async (
    from: string,
    conversation: { speaker: 'caller' | 'agent'; text: string; transcribed_after_s?: number }[],
  ) => {
    const c = await stack.sim.placeCall({
      from,
      to: NUMBER,
      caller: [{ hangup_after_s: 8 }],
      agents: { [AGENT]: { answer_after_s: 1 } },
      conversation,
    });
    return eventually(
      'call record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${c.call_session_id}`)).body.items[0],
      30_000,
    );
  };

  let tour: {
    id: string;
    workflowId: string;
    transcript: string;
    score: number;
    leadStatus: string;
    scoreReasons: string[];
  };
  let hours: { id: string; score: number; leadStatus: string };

  it('stores what caller and agent said by speaker, and scores the call by its keywords', async () => {
    tour = await call('+13125550301', [
      { speaker: 'caller', text: 'Hi, I want to schedule a tour' },
      { speaker: 'agent', text: 'Of course, does Saturday at ten work?' },
      { speaker: 'caller', text: 'Saturday works' },
      // Said before the hangup, but the transcriber is slow: it arrives well after the record.
      { speaker: 'caller', text: 'and I would like to apply too', transcribed_after_s: 60 },
    ]);
    assert.equal(
      tour.transcript,
      'Caller: Hi, I want to schedule a tour\nAgent: Of course, does Saturday at ten work?\nCaller: Saturday works',
    );
    assert.deepEqual(
      [tour.score, tour.leadStatus, tour.scoreReasons],
      [70, 'good_lead', ['answered', 'asked for a tour']],
    );
    await maybeRecordHistory(stack.client, tour.workflowId, 'transcripts--a-transcribed-call');

    const t = await stack.api('GET', `/v1/calls/${tour.id}/transcript`);
    assert.equal(t.status, 200, JSON.stringify(t.body));
    assert.deepEqual(
      t.body.segments.map((s: { speaker: string; text: string }) => [s.speaker, s.text]),
      [
        ['caller', 'Hi, I want to schedule a tour'],
        ['agent', 'Of course, does Saturday at ten work?'],
        ['caller', 'Saturday works'],
      ],
    );
    const timeline = await stack.api('GET', `/v1/calls/${tour.id}/timeline`);
    assert.deepEqual(
      timeline.body.entries
        .filter((e: { kind: string }) => e.kind === 'said')
        .map((e: { summary: string }) => e.summary),
      [
        'Caller: Hi, I want to schedule a tour',
        'Agent: Of course, does Saturday at ten work?',
        'Caller: Saturday works',
      ],
    );
  });

  it('finds a call by what was said, and not the others', async () => {
    hours = await call('+13125550302', [
      { speaker: 'caller', text: 'What are your office hours?' },
      { speaker: 'agent', text: 'We are open nine to five' },
    ]);
    assert.deepEqual([hours.score, hours.leadStatus], [30, 'not_scored']);
    const search = async (q: string) => {
      const r = await stack.api('GET', `/v1/calls?propertyId=${propertyId}&q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.items.map((c: { id: string }) => c.id);
    };
    assert.deepEqual(await search('tour'), [tour.id]);
    assert.deepEqual(await search('"office hours"'), [hours.id]);
    // English stemming: "scheduling" finds "schedule".
    assert.deepEqual(await search('scheduling'), [tour.id]);
    assert.deepEqual(await search('saturday -tour'), []);
    assert.deepEqual(await search('tour or hours'), [hours.id, tour.id]);
    const tooLong = await stack.api('GET', `/v1/calls?q=${'x'.repeat(501)}`);
    assert.equal(tooLong.status, 422);
    assert.deepEqual(
      tooLong.body.error.fields.map((f: { field: string }) => f.field),
      ['q'],
    );
  });

  it('rescores the call when a piece arrives after the call was saved', async () => {
    const late = await eventually(
      'the late piece',
      async () => {
        const c = (await stack.api('GET', `/v1/calls/${tour.id}`)).body;
        return c.transcript?.includes('apply') ? c : undefined;
      },
      30_000,
    );
    assert.equal(late.transcript.split('\n').at(-1), 'Caller: Saturday works and I would like to apply too');
    assert.deepEqual(
      [late.score, late.leadStatus, late.scoreReasons],
      [90, 'good_lead', ['answered', 'asked for a tour', 'wants to apply']],
    );
    const t = await stack.api('GET', `/v1/calls/${tour.id}/transcript`);
    assert.equal(t.body.segments.length, 4);
  });
});
