import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { FormSubmissionRepository, openDataSource } from '@switchboard/persistence';
import { callRecordSaver } from '../support/call-records';
import { http } from '../support/http';
import { createTestAccount, withKey } from '../support/accounts';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { apiRoutes, type ApiRoute } from '../support/routes';
import { wavFile } from '../support/audio';

/**
 * Tenant A owns one of everything; tenant B walks every key-protected endpoint the api serves
 * (read from the controllers' metadata, so new endpoints are included automatically) with A's
 * ids. Every attempt must look exactly like a missing id (404), and A's data must be unchanged.
 */
describe('tenant isolation on every endpoint', () => {
  let api: ApiOnly;
  let ds: DataSource;
  let otherKey: string;
  const ids: Record<string, string> = {};

  const a = (method: string, path: string, body?: unknown) => api.request(method, path, body);
  const ok = async (what: string, p: Promise<{ status: number; body: any }>) => {
    const r = await p;
    assert.ok(r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  /** Everything A can read, to prove B changed nothing. */
  async function snapshotOfA(): Promise<string> {
    const base = `/v1/properties/${ids.propertyId}`;
    const parts = await Promise.all(
      [
        `/v1/properties/${ids.propertyId}`,
        `${base}/sources`,
        `${base}/tracking-numbers`,
        `${base}/dni`,
        `${base}/pools`,
        `${base}/call-flows/${ids.flowId}`,
        `${base}/schedules`,
        `${base}/agents`,
        `${base}/ring-groups`,
        `${base}/audio`,
        `${base}/voicemail-boxes`,
        `${base}/email-routing`,
        `${base}/emails/${ids.emailId}`,
        `/v1/property-lists/${ids.listId}`,
        `/v1/api-keys`,
        `/v1/calls/${ids.callId}`,
        `${base}/text-routing`,
        `${base}/conversations/${ids.conversationId}`,
        `${base}/webhooks`,
        `${base}/webhook-deliveries/${ids.deliveryId}`,
        `${base}/scoring-rules`,
        `/v1/calls/${ids.callId}/score-changes`,
        `/v1/forms/${ids.formId}`,
        `${base}/conversion-destinations`,
        `${base}/conversion-rules`,
        `${base}/conversions`,
        `/v1/privacy/erasures/${ids.erasureId}`,
        `/v1/privacy/retention`,
        `${base}/retention`,
        `/v1/privacy/retention/runs/${ids.runId}`,
      ].map(async (p) =>
        JSON.stringify((await a('GET', p)).body, (k, v: unknown) => (k === 'lastUsedAt' ? undefined : v)),
      ),
    );
    return parts.join('\n');
  }

  before(async () => {
    api = await startApiOnly();
    ds = await openDataSource(api.dbUrl, 2);
    otherKey = (await createTestAccount(api.url, 'Tenant B')).apiKey;

    const p = await ok(
      'property',
      a('POST', '/v1/properties', { name: 'A Towers', timeZone: 'America/Chicago' }),
    );
    ids.propertyId = p.id;
    const base = `/v1/properties/${p.id}`;
    ids.sourceId = (await ok('source', a('POST', `${base}/sources`, { name: 'Zillow' }))).id;
    ids.flowId = (
      await ok(
        'flow',
        a('POST', `${base}/call-flows`, {
          name: 'Main',
          definition: {
            initialStepId: 'desk',
            steps: [
              { id: 'desk', type: 'forward', to: '+13125550111', timeoutSeconds: 20, callerId: 'caller' },
            ],
          },
        }),
      )
    ).id;
    ids.numberId = (
      await ok(
        'number',
        a('POST', `${base}/tracking-numbers`, {
          number: '+13125550150',
          sourceId: ids.sourceId,
          forwardTo: '+13125550111',
          callFlowId: ids.flowId,
        }),
      )
    ).id;
    const poolNumbers = [ids.numberId];
    for (const n of ['+13125550151', '+13125550152', '+13125550153'])
      poolNumbers.push(
        (
          await ok(
            'pool number',
            a('POST', `${base}/tracking-numbers`, {
              number: n,
              sourceId: ids.sourceId,
              forwardTo: '+13125550111',
            }),
          )
        ).id,
      );
    ids.poolId = (
      await ok(
        'pool',
        a('POST', `${base}/pools`, {
          sourceId: ids.sourceId,
          trackingNumberIds: poolNumbers,
          exhaustionPolicy: 'main_number',
        }),
      )
    ).id;
    ids.scheduleId = (
      await ok(
        'schedule',
        a('POST', `${base}/schedules`, {
          id: 'office',
          name: 'Office',
          weekly: [{ days: ['mon'], start: '09:00', end: '17:00' }],
        }),
      )
    ).id;
    ids.agentId = (
      await ok(
        'agent',
        a('POST', `${base}/agents`, {
          id: 'ann',
          name: 'Ann',
          endpoint: { kind: 'phone', number: '+13125550111' },
        }),
      )
    ).id;
    ids.ringGroupId = (
      await ok(
        'ring group',
        a('POST', `${base}/ring-groups`, {
          id: 'team',
          name: 'Team',
          strategy: 'simultaneous',
          members: [{ agentId: 'ann' }],
          agentRingTimeoutSeconds: 20,
          skipUnavailable: true,
          callerHears: { kind: 'ringback' },
        }),
      )
    ).id;
    ids.audioId = (
      await ok(
        'audio',
        a('POST', `${base}/audio`, {
          id: 'hello',
          name: 'Hello',
          contentType: 'audio/wav',
          contentBase64: wavFile().toString('base64'),
        }),
      )
    ).id;
    ids.voicemailBoxId = (
      await ok('box', a('POST', `${base}/voicemail-boxes`, { id: 'main', name: 'Main' }))
    ).id;
    ids.listId = (
      await ok('list', a('POST', '/v1/property-lists', { name: 'Portfolio', propertyIds: [p.id] }))
    ).id;
    ids.keyId = (await ok('key', a('POST', '/v1/api-keys', { name: 'Reporting', readOnly: true }))).id;

    // A finished call of A's, written by the same repository the call workflow's activity uses.
    await callRecordSaver(ds)({
      workflowId: 'call-tenant-a-1',
      callSessionId: 'tenant-a-session-1',
      callControlId: 'v3:tenant-a-1',
      from: '+13125550100',
      to: '+13125550150',
      propertyId: p.id,
      trackingNumberId: ids.numberId,
      sourceId: ids.sourceId,
      sourceName: 'Zillow',
      startedAt: '2026-11-23T15:00:00Z',
      answeredAt: null,
      endedAt: '2026-11-23T15:01:00Z',
      outcome: 'voicemail',
      answeredBy: null,
      hangupCause: 'normal_clearing',
      path: [{ step: 'vm', at: '2026-11-23T15:00:05Z' }],
      recordingUrl: 'https://recordings.example/a-1.mp3',
      voicemailBoxId: 'main',
    });
    ids.callId = (await ok('call', a('GET', `/v1/calls?callSessionId=tenant-a-session-1`))).items[0].id;
    const messages = await a('GET', `${base}/voicemail-boxes/main/messages`);
    if (messages.status === 200 && messages.body.items?.[0]) ids.messageId = messages.body.items[0].id;

    // A text conversation of A's, as an inbound message.received webhook would have opened it.
    const [conversation]: { id: string }[] = await ds.query(
      `INSERT INTO text_conversations (property_id, tracking_number_id, tracking_number, external_number, source_id, source_name)
       VALUES ($1, $2, '+13125550150', '+13125550100', $3, 'Zillow') RETURNING id`,
      [p.id, ids.numberId, ids.sourceId],
    );
    ids.conversationId = conversation.id;

    // A received email of A's, as the inbound-email webhook stores it (that route is public).
    await ok('email address', a('POST', `${base}/sources/${ids.sourceId}/email-address`));
    await ok('email routing', a('PUT', `${base}/email-routing`, { forwardTo: 'office@a.example' }));
    const [email]: { id: string }[] = await ds.query(
      `INSERT INTO emails (property_id, source_id, source_name, message_id, recipient, from_address,
                           to_addresses, subject, received_at)
       VALUES ($1, $2, 'Zillow', '<a-1@mail.example>', 'zillow-a@in.example', 'jane@example.com',
               '["zillow-a@in.example"]', 'Hello', now())
       RETURNING id`,
      [p.id, ids.sourceId],
    );
    ids.emailId = email.id;

    // A web form submission of A's, as the public DNI form endpoint stores it.
    ids.formId = (
      await new FormSubmissionRepository(ds).save({
        propertyId: p.id,
        sessionId: null,
        visitorId: null,
        formName: 'contact',
        formAction: null,
        pageUrl: 'https://a.example/contact',
        fields: { email: 'lead@a.example' },
        name: null,
        phone: '+13125550100',
        email: 'lead@a.example',
        message: null,
        submittedAt: new Date(),
      })
    ).id;

    // An erasure A asked for (its workflow never runs here: the api alone, no worker).
    ids.erasureId = (await ok('erasure', a('POST', '/v1/privacy/erasures', { phone: '+13125550199' }))).id;

    // A webhook subscription of A's with one delivery in its log.
    ids.webhookId = (
      await ok(
        'webhook',
        a('POST', `${base}/webhooks`, { url: 'https://hooks.a.example/calls', events: ['call.completed'] }),
      )
    ).id;
    const [delivery]: { id: string }[] = await ds.query(
      `INSERT INTO webhook_deliveries (subscription_id, property_id, event_id, event_type, payload)
       VALUES ($1, $2, 'call-tenant-a-1/call.completed', 'call.completed', $3) RETURNING id`,
      [
        ids.webhookId,
        p.id,
        // A body as the publisher writes it (the delivery answer's schema says so).
        JSON.stringify({
          id: 'call-tenant-a-1/call.completed',
          type: 'call.completed',
          createdAt: new Date().toISOString(),
          propertyId: p.id,
          data: {},
        }),
      ],
    );
    ids.deliveryId = delivery.id;
    await ok(
      'manual score',
      a('PUT', `/v1/calls/${ids.callId}/score`, { leadStatus: 'good_lead', score: 90 }),
    );
    // A conversion destination and rule of A's.
    ids.destinationId = (
      await ok(
        'conversion destination',
        a('POST', `${base}/conversion-destinations`, {
          platform: 'ga4',
          name: 'GA4',
          config: { measurementId: 'G-TENANTA1', apiSecret: 'a-secret' },
        }),
      )
    ).id;
    ids.ruleId = (
      await ok(
        'conversion rule',
        a('POST', `${base}/conversion-rules`, {
          name: 'Any call',
          currency: 'USD',
          when: { leadKind: 'call' },
          destinationIds: [ids.destinationId],
        }),
      )
    ).id;
    // A retention policy, a property's overrides and a run of A's (no worker here: it stays running).
    await ok('retention policy', a('PUT', '/v1/privacy/retention', { recordings: 30 }));
    await ok('retention overrides', a('PUT', `${base}/retention`, { texts: 'forever' }));
    ids.runId = (await ok('retention run', a('POST', '/v1/privacy/retention/runs', { dryRun: true }))).id;
  });

  after(async () => {
    await ds?.destroy();
    await api?.stop();
  });

  const path = (r: ApiRoute) =>
    r.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(ids[name]));

  it('knows an id of A for every path parameter of every endpoint', () => {
    const missing = apiRoutes(api.app)
      .filter((r) => r.access === 'key')
      .flatMap((r) => r.params.filter((p) => ids[p] === undefined).map((p) => `${r.method} ${r.path}: ${p}`));
    assert.deepEqual(missing, [], 'give the fixture an id of A for these parameters');
  });

  it("answers 404 to B for every endpoint that names one of A's ids, and lists none of A's data", async () => {
    const before = await snapshotOfA();
    const routes = apiRoutes(api.app).filter((r) => r.access === 'key');
    assert.ok(routes.length >= 40, `expected every endpoint, found ${routes.length}`);
    const leaks: string[] = [];
    for (const r of routes) {
      // Bodies name A's resources too, so a write cannot succeed by what it carries.
      const body = !['POST', 'PUT', 'PATCH'].includes(r.method)
        ? undefined
        : r.path.startsWith('/v1/property-lists')
          ? { name: 'B was here', propertyIds: [ids.propertyId] }
          : { name: 'B was here', propertyIds: [ids.propertyId], available: false, heard: true };
      const res = await http(r.method, `${api.url}${path(r)}`, body, withKey(otherKey));
      if (r.params.length > 0) {
        if (res.status !== 404)
          leaks.push(`${r.method} ${r.path} → ${res.status} ${JSON.stringify(res.body)}`);
      } else if (res.status < 300) {
        const text = JSON.stringify(res.body);
        for (const [name, id] of Object.entries(ids))
          if (id.length > 8 && text.includes(id)) leaks.push(`${r.method} ${r.path} shows A's ${name}`);
      }
    }
    assert.deepEqual(leaks, []);
    assert.equal(await snapshotOfA(), before, "A's data is unchanged");
  });

  it("filters naming A's property or property list are 404 for B, not an empty page", async () => {
    for (const q of [`propertyId=${ids.propertyId}`, `propertyListId=${ids.listId}`]) {
      const r = await http('GET', `${api.url}/v1/calls?${q}`, undefined, withKey(otherKey));
      assert.equal(r.status, 404, q);
    }
    const props = await http(
      'GET',
      `${api.url}/v1/properties?propertyListId=${ids.listId}`,
      undefined,
      withKey(otherKey),
    );
    assert.equal(props.status, 404);
  });
});
