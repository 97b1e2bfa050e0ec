import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CarrierEvent } from '../carrier-event';
import { routeCarrierEvent } from '../event-routing';

const base: CarrierEvent = {
  eventId: 'e',
  type: 'call.initiated',
  occurredAt: '2026-01-01T00:00:00Z',
  callControlId: 'v3:x',
};

describe('routeCarrierEvent', () => {
  const cases: { name: string; e: Partial<CarrierEvent>; want: ReturnType<typeof routeCarrierEvent> }[] = [
    {
      name: 'inbound leg before answer starts its session workflow',
      e: { direction: 'incoming', callSessionId: 's1' },
      want: { workflowId: 'call-s1', mayStart: true, signal: true },
    },
    {
      name: 'hangup without client_state still reaches the session workflow',
      e: { type: 'call.hangup', callSessionId: 's1' },
      want: { workflowId: 'call-s1', mayStart: true, signal: true },
    },
    {
      name: 'our agent leg names its workflow and never starts one',
      e: {
        type: 'call.answered',
        direction: 'outgoing',
        callSessionId: 's2',
        clientState: { wf: 'call-s1', role: 'agent' },
      },
      want: { workflowId: 'call-s1', mayStart: false, signal: true },
    },
    {
      name: 'the call.initiated of a leg we dialled is kept but not signalled (the dial named it)',
      e: { direction: 'outgoing', callSessionId: 's2', clientState: { wf: 'call-s1', role: 'agent' } },
      want: { workflowId: 'call-s1', mayStart: false, signal: false },
    },
    {
      name: 'a foreign outgoing leg is not routed',
      e: { direction: 'outgoing', callSessionId: 's3' },
      want: null,
    },
    { name: 'no session and no state: nowhere to go', e: {}, want: null },
    {
      name: 'events the workflow does not act on are logged against the call but not signalled',
      e: { type: 'call.speak.started', callSessionId: 's1', clientState: { wf: 'call-s1', role: 'caller' } },
      want: { workflowId: 'call-s1', mayStart: false, signal: false },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(routeCarrierEvent({ ...base, ...c.e }), c.want));
});
