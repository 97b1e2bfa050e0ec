import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

/** A customer's webhook receiver: records what arrives; `failFirst` answers 500 that many times. */
interface Receiver {
  url: string;
  received: { headers: Record<string, string>; body: string }[];
  server: Server;
}

async function startReceiver(failFirst = 0): Promise<Receiver> {
  const received: Receiver['received'] = [];
  let refusals = failFirst;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (refusals > 0) {
        refusals--;
        res.writeHead(500).end('not today');
        return;
      }
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, server };
}

/** What a receiver does with docs/webhooks.md: recompute the signature from the raw body. */
function signatureIsValid(secret: string, r: Receiver['received'][number]): boolean {
  const ts = r.headers['switchboard-timestamp'];
  const expected = `v1=${createHmac('sha256', secret).update(`${ts}.${r.body}`).digest('hex')}`;
  const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
  return fresh && r.headers['switchboard-signature'] === expected;
}

const events = (r: Receiver) =>
  r.received.map((x) => JSON.parse(x.body) as { id: string; type: string; data: any });

describe('call scoring, previous-call routing, outbound webhooks and search attributes', () => {
  let stack: TestStack;
  let base: string;
  let propertyId: string;
  let happy: Receiver;
  let flaky: Receiver;
  let happySecret: string;
  let flakyId: string;
  const CALLER = '+13125550177';
  const session: string[] = [];

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    happy = await startReceiver();
    flaky = await startReceiver(2);
    const p = await stack.api('POST', '/v1/properties', {
      name: 'Lakeview Lofts',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    base = `/v1/properties/${propertyId}`;
    const src = await stack.api('POST', `${base}/sources`, { name: 'Zillow' });
    const flow = await stack.api('POST', `${base}/call-flows`, {
      name: 'VIP first',
      definition: {
        initialStepId: 'who',
        recording: false,
        steps: [
          {
            id: 'who',
            type: 'route',
            branches: [{ criteria: [{ type: 'previous_lead_status', value: 'good_lead' }], next: 'vip' }],
            fallback: 'desk',
          },
          { id: 'vip', type: 'forward', to: '+13125550111', timeoutSeconds: 20, callerId: 'caller' },
          { id: 'desk', type: 'forward', to: '+13125550122', timeoutSeconds: 20, callerId: 'caller' },
        ],
      },
    });
    assert.equal(flow.status, 201, JSON.stringify(flow.body));
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: '+13125550150',
      sourceId: src.body.id,
      forwardTo: '+13125550122',
      callFlowId: flow.body.id,
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    const rules = await stack.api('PUT', `${base}/scoring-rules`, {
      baseScore: 10,
      goodLeadAtLeast: 60,
      notALeadBelow: 30,
      rules: [
        { name: 'answered', when: { answered: true }, points: 40 },
        { name: 'reached the VIP line', when: { pathIncludes: 'vip' }, points: 5 },
      ],
    });
    assert.equal(rules.status, 200, JSON.stringify(rules.body));
    const h = await stack.api('POST', `${base}/webhooks`, {
      url: happy.url,
      events: ['call.started', 'call.completed'],
      description: 'CRM',
    });
    assert.equal(h.status, 201, JSON.stringify(h.body));
    happySecret = h.body.secret;
    const f = await stack.api('POST', `${base}/webhooks`, { url: flaky.url, events: ['call.completed'] });
    flakyId = f.body.id;
  });

  after(async () => {
    happy?.server.close();
    flaky?.server.close();
    await stack?.stop();
  });

  const call = async () => {
    const c = await stack.sim.placeCall({
      from: CALLER,
      to: '+13125550150',
      caller: [{ hangup_after_s: 40 }],
      agents: {
        '+13125550111': { answer_after_s: 1, hangup_after_s: 3 },
        '+13125550122': { answer_after_s: 1, hangup_after_s: 3 },
      },
    });
    session.push(c.call_session_id);
    return eventually(
      'call record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${c.call_session_id}`)).body.items[0],
      30_000,
    );
  };

  it('scores a finished call by the rules: an answered call lands between the thresholds', async () => {
    const first = await call();
    assert.equal(first.answeredBy, '+13125550122', 'a first-time caller goes to the desk');
    assert.deepEqual([first.score, first.leadStatus, first.scoreSource], [50, 'not_scored', 'rules']);
    assert.deepEqual(first.scoreReasons, ['answered']);
  });

  it('a person marks the call a good lead (audited), and the caller’s next call routes to the VIP line', async () => {
    const [first] = (await stack.api('GET', `/v1/calls?callSessionId=${session[0]}`)).body.items;
    const set = await stack.api('PUT', `/v1/calls/${first.id}/score`, {
      leadStatus: 'good_lead',
      score: 95,
      note: 'asked for a tour',
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body, {
      score: 95,
      leadStatus: 'good_lead',
      scoreSource: 'manual',
      scoreReasons: [],
    });
    const audit = await stack.api('GET', `/v1/calls/${first.id}/score-changes`);
    assert.equal(audit.body.items.length, 1);
    assert.match(audit.body.items[0].actor, /^api-key:/);
    assert.deepEqual(
      [audit.body.items[0].from, audit.body.items[0].to, audit.body.items[0].note],
      [
        { score: 50, leadStatus: 'not_scored', source: 'rules' },
        { score: 95, leadStatus: 'good_lead' },
        'asked for a tour',
      ],
    );

    const second = await call();
    assert.equal(second.answeredBy, '+13125550111', 'previously marked good lead → VIP line');
    assert.deepEqual([second.score, second.leadStatus], [55, 'not_scored']);
  });

  it('changing the rules rescores rule-scored calls in the background; manual scores stay', async () => {
    const changed = await stack.api('PUT', `${base}/scoring-rules`, {
      baseScore: 10,
      goodLeadAtLeast: 60,
      notALeadBelow: 30,
      rules: [
        { name: 'answered', when: { answered: true }, points: 40 },
        { name: 'repeat caller', when: { firstTime: false }, points: 15 },
        { name: 'asked for a tour', when: { transcriptHasAny: ['tour'] }, points: 20 },
      ],
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    await eventually('rescore done', async () => {
      const r = await stack.api('GET', `${base}/scoring-rules`);
      return r.body.staleCalls === 0 && r.body.version === changed.body.version ? r.body : undefined;
    });
    const [first] = (await stack.api('GET', `/v1/calls?callSessionId=${session[0]}`)).body.items;
    const [second] = (await stack.api('GET', `/v1/calls?callSessionId=${session[1]}`)).body.items;
    assert.deepEqual([first.score, first.leadStatus, first.scoreSource], [95, 'good_lead', 'manual']);
    assert.deepEqual(
      [second.score, second.leadStatus, second.scoreReasons],
      [65, 'good_lead', ['answered', 'repeat caller']],
    );

    const t = await stack.api('PUT', `/v1/calls/${second.id}/transcript`, {
      text: 'Can I book a tour on Friday?',
    });
    assert.deepEqual([t.body.score, t.body.leadStatus], [85, 'good_lead']);

    const back = await stack.api('DELETE', `/v1/calls/${first.id}/score`, { note: 'let the rules decide' });
    assert.deepEqual(
      [back.body.score, back.body.leadStatus, back.body.scoreSource],
      [50, 'not_scored', 'rules'],
    );
    const audit = await stack.api('GET', `/v1/calls/${first.id}/score-changes`);
    assert.deepEqual(
      audit.body.items.map((c: any) => c.action),
      ['override', 'back_to_rules'],
    );
  });

  it('refuses bad rules naming the field, and keeps the old ones', async () => {
    const before = (await stack.api('GET', `${base}/scoring-rules`)).body;
    const bad = await stack.api('PUT', `${base}/scoring-rules`, {
      baseScore: 10,
      goodLeadAtLeast: 60,
      notALeadBelow: 30,
      rules: [{ name: 'x', when: { outcomeIn: ['maybe'] }, points: 5 }],
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.error.fields.map((f: any) => f.field),
      ['rules[0].when.outcomeIn[0]'],
    );
    assert.deepEqual((await stack.api('GET', `${base}/scoring-rules`)).body, before);
  });

  it('subscribers receive signed call.started and call.completed webhooks with the score', async () => {
    const got = await eventually('four events', async () => (happy.received.length >= 4 ? happy : undefined));
    assert.ok(
      got.received.every((r) => signatureIsValid(happySecret, r)),
      'every signature checks out',
    );
    assert.ok(!got.received.some((r) => signatureIsValid('whsec_wrong', r)), 'a wrong secret does not');
    const byType = events(happy);
    assert.deepEqual(byType.map((e) => e.type).sort(), [
      'call.completed',
      'call.completed',
      'call.started',
      'call.started',
    ]);
    const completed = byType.find((e) => e.type === 'call.completed' && e.data.callSessionId === session[1])!;
    assert.equal(completed.data.answeredBy, '+13125550111');
    assert.equal(completed.data.firstTime, false);
    assert.deepEqual([completed.data.score, completed.data.leadStatus], [55, 'not_scored']);
    assert.equal(happy.received[0].headers['switchboard-delivery'].length, 36);
  });

  it('a failing subscriber is retried until it recovers; the delivery log shows every attempt; redelivery resends', async () => {
    const list = await eventually(
      'flaky deliveries delivered',
      async () => {
        const r = await stack.api('GET', `${base}/webhooks/${flakyId}/deliveries?status=delivered`);
        return r.body.total === 2 ? r.body : undefined;
      },
      30_000,
    );
    assert.equal(flaky.received.length, 2, 'each event arrived once in the end');
    const attempts = list.items.reduce((n: number, d: any) => n + d.attempts, 0);
    assert.equal(attempts, 4, 'two refusals, then two successes');
    const retried = list.items.find((d: any) => d.attempts > 1);
    const detail = await stack.api('GET', `${base}/webhook-deliveries/${retried.id}`);
    assert.deepEqual(
      detail.body.attemptLog.map((a: any) => [a.statusCode, a.manual]),
      [...Array(retried.attempts - 1).fill([500, false]), [204, false]],
    );

    const again = await stack.api('POST', `${base}/webhook-deliveries/${retried.id}/redeliver`);
    assert.equal(again.status, 202);
    await eventually('redelivered', async () => (flaky.received.length === 3 ? true : undefined));
    const [orig, resent] = [
      JSON.parse(flaky.received.find((r) => JSON.parse(r.body).id === detail.body.eventId)!.body),
      JSON.parse(flaky.received[2].body),
    ];
    assert.deepEqual(resent, orig, 'the same body and event id');
    const log = await stack.api('GET', `${base}/webhook-deliveries/${retried.id}`);
    assert.deepEqual(log.body.attemptLog.at(-1).manual, true);
  });

  it('finds the finished calls in Temporal by search attributes, with a readable memo', async () => {
    // Scoped to this property: other tests on the same Temporal server call from the same number.
    const query = `PropertyId = "${propertyId}" AND TrackingSource = "Zillow" AND FirstTimeCaller = true AND CallOutcome = "answered" AND CallerNumber = "${CALLER}"`;
    const found = await eventually('visibility', async () => {
      const out = [];
      for await (const wf of stack.client.workflow.list({ query })) out.push(wf);
      return out.length === 1 ? out : undefined;
    });
    assert.equal(found[0].workflowId, `call-${session[0]}`);
    const desc = await stack.client.workflow.getHandle(found[0].workflowId).describe();
    assert.match(
      String(desc.memo?.summary),
      /^\+13125550177 → \+13125550150 \(Zillow, first-time\): answered by \+13125550122, \d+ s talk · who › desk › connected$/,
    );
    const repeat = [];
    for await (const wf of stack.client.workflow.list({
      query: `PropertyId = "${propertyId}" AND CallerNumber = "${CALLER}" AND FirstTimeCaller = false`,
    }))
      repeat.push(wf.workflowId);
    assert.deepEqual(repeat, [`call-${session[1]}`]);
  });

  it('subscriptions can be paused, edited and deleted; bad ones are refused naming the field', async () => {
    const paused = await stack.api('PATCH', `${base}/webhooks/${flakyId}`, {
      active: false,
      description: 'paused',
    });
    assert.deepEqual(
      [paused.status, paused.body.active, paused.body.description, paused.body.url],
      [200, false, 'paused', flaky.url],
    );
    assert.equal(paused.body.secret, undefined, 'the secret is shown only at creation');
    const bad = await stack.api('POST', `${base}/webhooks`, {
      url: 'ftp://files.example/x',
      events: ['call.exploded'],
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.error.fields.map((f: any) => f.field).sort(), ['events', 'url']);
    assert.equal((await stack.api('DELETE', `${base}/webhooks/${flakyId}`)).status, 204);
    assert.equal((await stack.api('GET', `${base}/webhooks/${flakyId}`)).status, 404);
    assert.equal((await stack.api('DELETE', `${base}/webhooks/${flakyId}`)).status, 404);
    const left = await stack.api('GET', `${base}/webhooks`);
    assert.deepEqual(
      left.body.items.map((w: any) => w.url),
      [happy.url],
    );
  });
});
