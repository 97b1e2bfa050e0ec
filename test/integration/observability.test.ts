import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { callWorkflowId } from '@switchboard/contracts';
import { createLogger } from '@switchboard/observability';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { metricValue, parseMetrics, scrape } from '../support/metrics';
import { eventually } from '../support/test-stack';
import { testServers } from '../support/test-env';

const METRICS_TOKEN = 'metrics-test-token';
const SECRET_HEADER = 'Bearer must-never-be-logged-1234';

function initiated(sessionId: string): string {
  return JSON.stringify({
    data: {
      record_type: 'event',
      event_type: 'call.initiated',
      id: randomUUID(),
      occurred_at: '2026-11-23T15:00:00.000000Z',
      payload: {
        call_control_id: `v3:${sessionId}`,
        call_leg_id: randomUUID(),
        call_session_id: sessionId,
        connection_id: 'c1',
        direction: 'incoming',
        state: 'parked',
        from: '+13125550100',
        to: '+13125550199',
      },
    },
    meta: { attempt: 1 },
  });
}

type LogLine = Record<string, unknown> & { msg?: string; level?: string };

/**
 * The api's operator surface: Prometheus metrics at /metrics (webhook latency and errors, calls
 * started, HTTP durations by route template) and JSON log lines that carry a webhook's call ids and
 * never a credential.
 */
describe('api logs and metrics', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicB64 = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
  const raw: string[] = [];
  const lines = () => raw.map((l) => JSON.parse(l) as LogLine);
  let api: ApiOnly;
  let client: Client;
  const started: string[] = [];

  const signed = (body: string) => {
    const ts = Math.floor(Date.now() / 1000);
    return {
      'content-type': 'application/json',
      'telnyx-timestamp': String(ts),
      'telnyx-signature-ed25519': sign(null, Buffer.from(`${ts}|${body}`), privateKey).toString('base64'),
    };
  };
  const post = (body: string, headers: Record<string, string>) =>
    api.request('POST', '/webhooks/telnyx', body, headers);
  const metrics = () => scrape(`${api.url}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` });
  const webhookCall = async () => {
    const session = randomUUID();
    const body = initiated(session);
    const r = await post(body, { ...signed(body), authorization: SECRET_HEADER });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    started.push(session);
    return session;
  };

  before(async () => {
    const log = createLogger({
      level: 'debug',
      format: 'json',
      destination: { write: (s: string) => raw.push(s) },
    });
    api = await startApiOnly({ TELNYX_PUBLIC_KEY: publicB64, METRICS_TOKEN }, { log });
    client = new Client({ connection: await Connection.connect({ address: testServers().temporalAddress }) });
  });
  after(async () => {
    for (const s of started)
      await client?.workflow
        .getHandle(callWorkflowId(s))
        .terminate('test over')
        .catch(() => undefined);
    await client?.connection.close();
    await api?.stop();
  });

  it('serves /metrics only with METRICS_TOKEN', async () => {
    assert.equal((await fetch(`${api.url}/metrics`)).status, 401);
    const wrong = await fetch(`${api.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    const ok = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type') ?? '', /^text\/plain/);
    const samples = parseMetrics(await ok.text());
    assert.ok(metricValue(samples, 'process_cpu_user_seconds_total') > 0, 'default process metrics');
  });

  it('counts webhooks, their errors and latency, calls started and HTTP requests by route template', async () => {
    const before = await metrics();
    await webhookCall();
    // Forged signature; then a correctly signed body that is not a Telnyx event.
    const forged = initiated(randomUUID());
    const bad = await post(forged, {
      ...signed(forged),
      'telnyx-signature-ed25519': Buffer.alloc(64).toString('base64'),
    });
    assert.equal(bad.status, 401);
    const junk = JSON.stringify({ data: { event_type: 'call.initiated' } });
    assert.equal((await post(junk, signed(junk))).status, 400);
    assert.equal((await api.request('GET', `/v1/properties/${randomUUID()}`)).status, 404);

    const now = await eventually('request samples', async () => {
      const m = await metrics();
      const n = metricValue(m, 'http_request_duration_seconds_count', {
        route: '/v1/properties/:propertyId',
      });
      return n >
        metricValue(before, 'http_request_duration_seconds_count', { route: '/v1/properties/:propertyId' })
        ? m
        : undefined;
    });
    const delta = (name: string, labels: Record<string, string> = {}) =>
      metricValue(now, name, labels) - metricValue(before, name, labels);

    assert.equal(delta('switchboard_webhook_errors_total', { reason: 'signature' }), 1);
    assert.equal(delta('switchboard_webhook_errors_total', { reason: 'parse' }), 1);
    assert.equal(delta('switchboard_webhook_errors_total', { reason: 'signal' }), 0);
    assert.equal(delta('switchboard_calls_started_total'), 1);
    const ok = { event_type: 'call.initiated', result: 'started' };
    assert.equal(delta('switchboard_webhook_duration_seconds_count', ok), 1);
    assert.ok(delta('switchboard_webhook_duration_seconds_sum', ok) > 0, 'latency recorded');
    assert.equal(delta('switchboard_webhook_duration_seconds_count', { result: 'error' }), 2);
    assert.equal(
      delta('http_request_duration_seconds_count', {
        route: '/webhooks/telnyx',
        method: 'POST',
        status_code: '200',
      }),
      1,
    );
    assert.equal(
      delta('http_request_duration_seconds_count', { route: '/webhooks/telnyx', status_code: '401' }),
      1,
    );
    assert.equal(
      delta('http_request_duration_seconds_count', {
        route: '/v1/properties/:propertyId',
        status_code: '404',
      }),
      1,
    );
    // Ids never become labels: one series per route template.
    assert.ok(!now.some((s) => Object.values(s.labels).some((v) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(v))));
  });

  it('logs JSON lines with the call ids of a webhook and never a credential', async () => {
    const session = await webhookCall();
    await api.request('GET', '/v1/properties');
    const request = await eventually('webhook request line', async () =>
      lines().find(
        (l) => l.msg === 'request' && l.path === '/webhooks/telnyx' && l.callSessionId === session,
      ),
    );
    assert.equal(request.status, 200);
    assert.equal(request.route, '/webhooks/telnyx');
    assert.equal(request.workflowId, callWorkflowId(session));
    assert.equal(typeof request.durationMs, 'number');
    const handled = lines().find((l) => l.msg === 'webhook handled' && l.callSessionId === session);
    assert.ok(handled, 'webhook line');
    assert.equal(handled.level, 'info');
    assert.equal(handled.workflowId, callWorkflowId(session));
    assert.equal(handled.eventType, 'call.initiated');
    assert.equal(handled.result, 'started');

    const keyed = await eventually('keyed request line', async () =>
      lines().find((l) => l.msg === 'request' && l.path === '/v1/properties' && l.method === 'GET'),
    );
    assert.equal(typeof keyed.keyId, 'string', 'the key id, which names the key without revealing it');
    const refused = lines().find((l) => l.msg === 'webhook refused' && l.reason === 'signature');
    assert.ok(refused, 'a refused webhook is logged');
    assert.equal(refused.level, 'warn');

    const all = raw.join('');
    assert.ok(!all.includes('must-never-be-logged'), 'no Authorization header value');
    assert.ok(!all.includes(api.apiKey), 'no API key');
    assert.ok(!/authorization/i.test(all), 'no headers at all');
    assert.ok(!all.includes('+13125550100'), 'no webhook body (caller numbers)');
  });
});
