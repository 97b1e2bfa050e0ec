import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { http } from '../support/http';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { openSse, type SseStream } from '../support/sse';

// Several api processes behind one entry point: an agent's page is connected to one of them, while
// what it must be told can happen in another (a presence change, a carrier webhook for its leg).
describe('agent push events reach the page whichever api process noticed them', () => {
  let a: ApiOnly;
  let b: INestApplication;
  let bUrl: string;
  let token: string;
  let events: SseStream;

  before(async () => {
    a = await startApiOnly();
    // A second api process on the same database (same environment: startApiOnly set it).
    b = await createApiApp({ logger: false });
    await b.listen(0, '127.0.0.1');
    bUrl = (await b.getUrl()).replace('[::1]', '127.0.0.1');

    const p = await a.request('POST', '/v1/properties', { name: 'Two Doors', timeZone: 'America/Chicago' });
    const base = `/v1/properties/${p.body.id}`;
    const agent = await a.request('POST', `${base}/agents`, {
      id: 'ann',
      name: 'Ann',
      endpoint: { kind: 'webrtc', username: 'ann-two-doors' },
    });
    assert.equal(agent.status, 201, JSON.stringify(agent.body));
    const link = await a.request('POST', `${base}/agents/ann/sign-in-links`);
    const session = await http('POST', `${a.url}/v1/agent/sessions`, { code: link.body.code });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    token = session.body.token;
  });

  after(async () => {
    events?.close();
    await b?.close();
    await a?.stop();
  });

  it('a presence change made through process B is pushed to the page connected to process A', async () => {
    events = await openSse(`${a.url}/v1/agent/events?token=${token}`);
    const changed = await http(
      'PUT',
      `${bUrl}/v1/agent/presence`,
      { presence: 'away' },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual(await events.next('presence', (d) => d.presence === 'away', 10_000), {
      presence: 'away',
    });
  });

  it('and the other way round, in the order they were made', async () => {
    const onB = await openSse(`${bUrl}/v1/agent/events?token=${token}`);
    try {
      // The stream opens with the current presence (away, from the test before).
      await onB.next('presence', (d) => d.presence === 'away', 10_000);
      for (const presence of ['available', 'away', 'available'])
        await http('PUT', `${a.url}/v1/agent/presence`, { presence }, { authorization: `Bearer ${token}` });
      const presences = () => onB.events.filter((e) => e.event === 'presence').map((e) => e.data.presence);
      await onB.next('presence', () => presences().length >= 4, 10_000);
      assert.deepEqual(presences(), ['away', 'available', 'away', 'available']);
    } finally {
      onB.close();
    }
  });
});
