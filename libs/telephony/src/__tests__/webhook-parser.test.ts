import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeLegState, decodeLegState } from '../client-state';
import { parseTelnyxWebhook, WebhookPayloadError } from '../webhook-parser';

const envelope = (payload: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  data: {
    record_type: 'event',
    event_type: 'call.hangup',
    id: 'ev-1',
    occurred_at: '2026-11-23T15:00:01.123456Z',
    payload,
    ...extra,
  },
  meta: { attempt: 2 },
});

describe('parseTelnyxWebhook', () => {
  it('flattens the envelope and decodes our client_state', () => {
    const e = parseTelnyxWebhook(
      envelope({
        call_control_id: 'v3:abc',
        call_session_id: 's1',
        client_state: encodeLegState({ wf: 'call-s1', role: 'agent', tag: 'forward' }),
        hangup_cause: 'timeout',
        hangup_source: 'callee',
        sip_hangup_cause: '487',
        unknown_future_field: { x: 1 },
      }),
    );
    assert.deepEqual(
      {
        id: e.eventId,
        type: e.type,
        cc: e.callControlId,
        cs: e.clientState,
        cause: e.hangupCause,
        attempt: e.attempt,
      },
      {
        id: 'ev-1',
        type: 'call.hangup',
        cc: 'v3:abc',
        cs: { wf: 'call-s1', role: 'agent', tag: 'forward' },
        cause: 'timeout',
        attempt: 2,
      },
    );
  });

  it('takes recording URLs and gather digits', () => {
    const rec = parseTelnyxWebhook(
      envelope({ call_control_id: 'v3:a', recording_urls: { mp3: 'http://r/1.mp3' } }),
    );
    assert.equal(rec.recordingUrl, 'http://r/1.mp3');
    const g = parseTelnyxWebhook(envelope({ call_control_id: 'v3:a', digits: '12#', status: 'valid' }));
    assert.deepEqual([g.digits, g.status], ['12#', 'valid']);
  });

  const bad: { name: string; body: unknown; field: string }[] = [
    { name: 'not an object', body: [1], field: 'body' },
    { name: 'no data', body: { meta: {} }, field: 'data' },
    {
      name: 'no id',
      body: { data: { event_type: 'call.answered', occurred_at: '2026-01-01T00:00:00Z' } },
      field: 'data.id',
    },
    {
      name: 'no event type',
      body: { data: { id: 'x', occurred_at: '2026-01-01T00:00:00Z' } },
      field: 'data.event_type',
    },
    {
      name: 'bad occurred_at',
      body: { data: { id: 'x', event_type: 'call.answered', occurred_at: 'yesterday' } },
      field: 'data.occurred_at',
    },
  ];
  for (const c of bad) {
    it(`names the field when ${c.name}`, () => {
      assert.throws(
        () => parseTelnyxWebhook(c.body),
        (err: unknown) => err instanceof WebhookPayloadError && err.field === c.field,
      );
    });
  }

  it("takes an AI gather's result as the fields it understood, and only an object as such", () => {
    const e = parseTelnyxWebhook(
      envelope(
        {
          call_control_id: 'v3:abc',
          status: 'valid',
          result: { intent: 'maintenance', unit: '4B' },
          message_history: [{ role: 'user', content: 'my sink leaks' }],
        },
        { event_type: 'call.ai_gather.ended' },
      ),
    );
    assert.deepEqual(
      [e.type, e.status, e.gathered],
      ['call.ai_gather.ended', 'valid', { intent: 'maintenance', unit: '4B' }],
    );
    const amd = parseTelnyxWebhook(envelope({ call_control_id: 'v3:abc', result: 'human' }));
    assert.deepEqual([amd.status, amd.gathered], ['human', undefined]);
  });
});

describe('client_state', () => {
  it('round-trips and ignores foreign or corrupt values', () => {
    const s = { wf: 'call-1', role: 'caller' as const };
    assert.deepEqual(decodeLegState(encodeLegState(s)), s);
    for (const raw of [null, '', 'not base64 json', Buffer.from('{"foo":1}').toString('base64'), 42]) {
      assert.equal(decodeLegState(raw), null);
    }
  });
});
