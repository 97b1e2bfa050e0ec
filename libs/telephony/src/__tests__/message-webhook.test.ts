import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMessageEventType, parseInboundMessage } from '../message-webhook';
import { WebhookPayloadError } from '../webhook-parser';

const received = (payload: Record<string, unknown>) => ({
  data: {
    record_type: 'event',
    event_type: 'message.received',
    id: 'ev-9',
    occurred_at: '2026-11-23T15:00:01.000000Z',
    payload,
  },
  meta: { attempt: 1 },
});

describe('parseInboundMessage', () => {
  it('reads sender, first recipient and text from Telnyx shapes', () => {
    const m = parseInboundMessage(
      received({
        id: 'msg-1',
        from: { phone_number: '+13125550100', carrier: 'T-Mobile' },
        to: [{ phone_number: '+13125550199' }, { phone_number: '+13125550198' }],
        text: 'Hi',
      }),
    );
    assert.deepEqual(m, {
      eventId: 'ev-9',
      messageId: 'msg-1',
      from: '+13125550100',
      to: '+13125550199',
      text: 'Hi',
      occurredAt: '2026-11-23T15:00:01.000000Z',
    });
  });

  it('names the missing sender or recipient', () => {
    assert.throws(
      () => parseInboundMessage(received({ to: [{ phone_number: '+13125550199' }] })),
      (e: unknown) => e instanceof WebhookPayloadError && e.field === 'data.payload.from.phone_number',
    );
    assert.throws(
      () => parseInboundMessage(received({ from: { phone_number: '+13125550100' }, to: [] })),
      (e: unknown) => e instanceof WebhookPayloadError && e.field === 'data.payload.to[0].phone_number',
    );
  });

  it('keeps an MMS without text as an empty text', () => {
    const m = parseInboundMessage(
      received({ from: { phone_number: '+13125550100' }, to: [{ phone_number: '+13125550199' }] }),
    );
    assert.equal(m.text, '');
  });

  it('tells messaging events from call events', () => {
    assert.equal(isMessageEventType('message.received'), true);
    assert.equal(isMessageEventType('message.finalized'), true);
    assert.equal(isMessageEventType('call.initiated'), false);
  });
});
