import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WorkflowNotFoundError } from '@temporalio/client';
import { loadConfig } from '@switchboard/config';
import { erasureWorkflowId } from '@switchboard/contracts';
import { signEmailWebhook } from '../../apps/api/src/emails/email-signature';
import { createTestAccount, withKey } from '../support/accounts';
import { http } from '../support/http';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';
import { startWebhookReceiver } from '../support/webhook-receiver';

const PERSON = '+13125550177';
const ADDRESS = 'ana.ruiz@example.com';
const AGENT = '+13125550171';
const RECORDED = '+13125550161';
const MESSAGES = '+13125550160';
const B_NUMBER = '+13125550162';
const ORIGIN = 'https://birch.example';
const EMAIL_SECRET = 'privacy-e2e-email-secret';

/** Every file under a folder, recursively (the blob store's recordings). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
    );
  } catch {
    return [];
  }
}

/**
 * Erasure and export on the real stack, with the simulator as the carrier: a person who called
 * twice (a recorded, transcribed conversation and a voicemail), texted, emailed, and sent a form
 * from an ad click that earned a conversion, and whose number also called another account. The
 * export holds all of it; the erasure leaves nothing of them in any table, the blob store, the
 * simulator's recordings or Temporal, keeps the reports, and touches nothing of the other account.
 */
describe('privacy: export and erasure of one person across the account', () => {
  let stack: TestStack;
  let base: string;
  let propertyId: string;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let other: { apiKey: string; accountId: string };
  let otherCallId: string;
  const personCalls: { id: string; workflowId: string }[] = [];
  const recordingIds: string[] = [];
  let formId: string;
  let sourceId: string;
  let summaryBefore: unknown;

  const exportOf = async (q: string) => {
    const r = await stack.api('GET', `/v1/privacy/exports?${q}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };

  /** Places a call and waits for its record (and its recordings' copies, when it has any). */
  async function call(
    to: string,
    script: Omit<Parameters<TestStack['sim']['placeCall']>[0], 'from' | 'to'>,
    key = stack.apiKey,
  ) {
    const placed = await stack.sim.placeCall({ from: PERSON, to, ...script });
    return eventually(
      'call record',
      async () =>
        (
          await http(
            'GET',
            `${stack.apiUrl}/v1/calls?callSessionId=${placed.call_session_id}`,
            undefined,
            withKey(key),
          )
        ).body.items[0],
      30_000,
    );
  }

  before(async () => {
    process.env.EMAIL_WEBHOOK_SECRET = EMAIL_SECRET;
    stack = await startTestStack({ timeScale: 0.1 });
    hooks = await startWebhookReceiver();
    const p = await stack.api('POST', '/v1/properties', { name: 'Birch Court', timeZone: 'America/Chicago' });
    propertyId = p.body.id;
    base = `/v1/properties/${propertyId}`;
    await stack.api('POST', `${base}/voicemail-boxes`, { id: 'leasing', name: 'Leasing' });
    const src = await stack.api('POST', `${base}/sources`, { name: 'Google Ads' });
    sourceId = src.body.id;
    const messages = await stack.api('POST', `${base}/call-flows`, {
      name: 'Messages',
      definition: {
        initialStepId: 'vm',
        steps: [{ id: 'vm', type: 'voicemail', voicemailBoxId: 'leasing', beep: true, maxLengthSeconds: 60 }],
      },
    });
    const recorded = await stack.api('POST', `${base}/call-flows`, {
      name: 'Recorded desk',
      definition: {
        initialStepId: 'desk',
        recording: true,
        transcription: true,
        steps: [{ id: 'desk', type: 'forward', to: AGENT, timeoutSeconds: 20, callerId: 'caller' }],
      },
    });
    for (const [number, flow] of [
      [MESSAGES, messages.body.id],
      [RECORDED, recorded.body.id],
    ]) {
      const n = await stack.api('POST', `${base}/tracking-numbers`, {
        number,
        sourceId: src.body.id,
        forwardTo: AGENT,
        callFlowId: flow,
      });
      assert.equal(n.status, 201, JSON.stringify(n.body));
    }
    const hook = await stack.api('POST', `${base}/webhooks`, {
      url: hooks.url,
      events: ['call.completed', 'text.received', 'email.received', 'form.submitted'],
    });
    assert.equal(hook.status, 201, JSON.stringify(hook.body));
    const ga4 = await stack.api('POST', `${base}/conversion-destinations`, {
      platform: 'ga4',
      name: 'GA4',
      config: { measurementId: 'G-PRIVACY1', apiSecret: 'mp-secret' },
    });
    const rule = await stack.api('POST', `${base}/conversion-rules`, {
      name: 'contact_form',
      value: 20,
      currency: 'USD',
      when: { leadKind: 'form' },
      destinationIds: [ga4.body.id],
    });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));

    // The same number calls another account.
    other = await createTestAccount(stack.apiUrl, 'Other account');
    const asB = (method: string, p: string, body?: unknown) =>
      http(method, `${stack.apiUrl}${p}`, body, withKey(other.apiKey));
    const bp = await asB('POST', '/v1/properties', { name: 'Elm House', timeZone: 'America/Chicago' });
    const bs = await asB('POST', `/v1/properties/${bp.body.id}/sources`, { name: 'Zillow' });
    const bn = await asB('POST', `/v1/properties/${bp.body.id}/tracking-numbers`, {
      number: B_NUMBER,
      sourceId: bs.body.id,
      forwardTo: AGENT,
    });
    assert.equal(bn.status, 201, JSON.stringify(bn.body));
  });
  after(async () => {
    await hooks?.close();
    await stack?.stop();
    delete process.env.EMAIL_WEBHOOK_SECRET;
  });

  it('the person calls, texts, emails and sends a form; the export holds all of it', async () => {
    const talk = await call(RECORDED, {
      caller: [{ hangup_after_s: 8 }],
      agents: { [AGENT]: { answer_after_s: 1 } },
      conversation: [
        { speaker: 'caller', text: 'Hi, this is Ana, call me back on 312 555 0177' },
        { speaker: 'agent', text: 'Sure Ana, we will' },
      ],
    });
    const vm = await call(MESSAGES, { caller: [{ hangup_after_s: 20 }] });
    assert.equal(vm.outcome, 'voicemail');
    personCalls.push(talk, vm);
    const b = await call(
      B_NUMBER,
      { caller: [{ hangup_after_s: 3 }], agents: { [AGENT]: { answer_after_s: 1 } } },
      other.apiKey,
    );
    otherCallId = b.id;

    // Both calls' recordings copied, the transcript in.
    for (const c of personCalls) {
      const recs = await eventually(
        'recordings copied',
        async () => {
          const items = (await stack.api('GET', `/v1/calls/${c.id}/recordings`)).body.items as any[];
          return items.length > 0 && items.every((r) => r.status === 'stored') ? items : undefined;
        },
        30_000,
      );
      recordingIds.push(...recs.map((r) => r.id as string));
    }
    assert.equal(recordingIds.length, 2);
    await eventually('transcript', async () =>
      (await stack.api('GET', `/v1/calls/${talk.id}/transcript`)).body.segments?.length === 2
        ? true
        : undefined,
    );

    stack.sim.receiveText({ from: PERSON, to: RECORDED, text: 'Is the 2BR still free? Ana' });
    await stack.sim.idle();

    const issued = await stack.api('POST', `${base}/sources/${sourceId}/email-address`);
    assert.ok(issued.status < 300, JSON.stringify(issued.body));
    const body = JSON.stringify({
      messageId: '<privacy-1@mail.example.com>',
      from: `Ana Ruiz <${ADDRESS}>`,
      to: [issued.body.address],
      subject: 'Tour on Saturday?',
      text: 'Could I see the 2BR? My number is 312-555-0177.',
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const mail = await fetch(`${stack.apiUrl}/webhooks/email`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-switchboard-timestamp': ts,
        'x-switchboard-signature': signEmailWebhook(EMAIL_SECRET, ts, body),
      },
      body,
    });
    assert.equal(mail.status, 200, await mail.text());

    const dni = await stack.api('PATCH', `${base}/dni`, {
      allowedOrigins: [ORIGIN],
      formTracking: { enabled: true },
    });
    assert.equal(dni.status, 200, JSON.stringify(dni.body));
    const script = (p: string, b: unknown) =>
      http('POST', `${stack.apiUrl}/dni/${dni.body.dniKey}/${p}`, b, { origin: ORIGIN });
    const landingUrl = `${ORIGIN}/?gclid=Cj0KCQ-privacy`;
    const visit = await script('visits', { landingUrl, pageUrl: landingUrl });
    assert.equal(visit.status, 200, JSON.stringify(visit.body));
    const form = await script('forms', {
      sessionId: visit.body.sessionId,
      visitorId: visit.body.visitorId,
      pageUrl: `${ORIGIN}/contact?name=Ana`,
      formId: 'contact',
      fields: [
        { name: 'name', type: 'text', value: 'Ana Ruiz' },
        { name: 'phone', type: 'tel', value: '(312) 555-0177' },
        { name: 'email', type: 'email', value: 'Ana.Ruiz@Example.com' },
        { name: 'message', type: 'textarea', value: 'Please call me' },
      ],
    });
    assert.equal(form.status, 201, JSON.stringify(form.body));
    formId = form.body.id;
    await eventually(
      'webhooks delivered',
      async () => (hooks.deliveries.length >= 5 ? true : undefined),
      30_000,
    );

    const byPhone = await exportOf(`phone=${encodeURIComponent('(312) 555-0177')}`);
    assert.deepEqual(byPhone.subject, { kind: 'phone', value: PERSON });
    assert.deepEqual(
      byPhone.calls.map((c: any) => c.id).sort(),
      personCalls.map((c) => c.id).sort(),
      "the account's calls only, not the other account's",
    );
    const talked = byPhone.calls.find((c: any) => c.id === talk.id);
    assert.deepEqual(
      talked.transcript.map((l: any) => [l.speaker, l.text]),
      [
        ['caller', 'Hi, this is Ana, call me back on 312 555 0177'],
        ['agent', 'Sure Ana, we will'],
      ],
    );
    assert.match(talked.recordings[0].url, /\/media\/recordings\/.+\?expires=\d+&sig=/);
    assert.equal(byPhone.voicemails.length, 1);
    assert.equal(byPhone.textConversations.length, 1);
    assert.equal(byPhone.textConversations[0].messages[0].body, 'Is the 2BR still free? Ana');
    assert.deepEqual(
      byPhone.forms.map((f: any) => f.id),
      [formId],
    );
    assert.equal(byPhone.visitorSessions.length, 1);
    assert.equal(byPhone.visitorSessions[0].clickIds.gclid, 'Cj0KCQ-privacy');
    assert.equal(byPhone.conversions.length, 1);
    const byEmail = await exportOf(`email=${encodeURIComponent('ANA.RUIZ@example.com')}`);
    assert.equal(byEmail.emails.length, 1);
    assert.equal(byEmail.emails[0].subject, 'Tour on Saturday?');
    assert.deepEqual(
      byEmail.forms.map((f: any) => f.id),
      [formId],
    );
  });

  it('erasing the number and then the address leaves nothing of the person anywhere', async () => {
    summaryBefore = (
      await stack.api(
        'GET',
        `/v1/reports/calls/summary?propertyId=${propertyId}&from=2020-01-01&to=2030-01-01`,
      )
    ).body;
    const otherBefore = await stack.dataSource.query(`SELECT c::text AS row FROM calls c WHERE id = $1`, [
      otherCallId,
    ]);

    const erase = async (subject: Record<string, string>) => {
      const r = await stack.api('POST', '/v1/privacy/erasures', subject);
      assert.equal(r.status, 202, JSON.stringify(r.body));
      try {
        return await eventually(
          'erasure done',
          async () => {
            const got = (await stack.api('GET', `/v1/privacy/erasures/${r.body.id}`)).body;
            if (got.status === 'failed') throw new Error(`erasure failed: ${got.error}`);
            return got.status === 'done' ? got : undefined;
          },
          60_000,
        );
      } catch (err) {
        // What the erasure was waiting on, for the failure's message.
        const d = await stack.client.workflow.getHandle(erasureWorkflowId(r.body.id)).describe();
        const pending = d.raw.pendingActivities?.map(
          (a) => `${a.activityType?.name}: ${a.lastFailure?.message}`,
        );
        throw new Error(`${String(err)}; pending: ${JSON.stringify(pending)}`);
      }
    };
    const byPhone = await erase({ phone: PERSON });
    assert.deepEqual(byPhone.progress, [
      'recordings',
      'calls',
      'texts',
      'emails',
      'forms',
      'conversions',
      'webhooks',
      'histories',
    ]);
    assert.deepEqual(
      [byPhone.counts.recordings, byPhone.counts.calls, byPhone.counts.texts, byPhone.counts.forms],
      [2, 2, 1, 1],
    );
    assert.equal(byPhone.counts.conversions, 1);
    assert.ok(byPhone.counts.webhooks >= 3, JSON.stringify(byPhone.counts));
    assert.equal(byPhone.counts.histories, 2);
    const byEmail = await erase({ email: ADDRESS });
    assert.equal(byEmail.counts.emails, 1);

    // Every row of every table: neither the number (E.164 or its digits) nor the address, except
    // the other account's call of the same number.
    const tables: { name: string }[] = await stack.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    assert.ok(tables.length > 30);
    const found: string[] = [];
    const otherCall = await stack.dataSource.query(
      `SELECT workflow_id, property_id FROM calls WHERE id = $1`,
      [otherCallId],
    );
    for (const { name } of tables) {
      const rows: { row: string }[] = await stack.dataSource.query(
        `SELECT lower(t::text) AS row FROM "${name}" t
          WHERE t::text LIKE '%3125550177%' OR t::text LIKE '%312-555-0177%' OR t::text LIKE '%312 555 0177%'
             OR t::text LIKE '%(312) 555-0177%' OR lower(t::text) LIKE '%ana.ruiz@example.com%'
             OR t::text LIKE '%Ana Ruiz%' OR t::text LIKE '%Cj0KCQ-privacy%'`,
      );
      for (const { row } of rows)
        if (!row.includes(otherCall[0].workflow_id) && !row.includes(otherCall[0].property_id))
          found.push(`${name}: ${row.slice(0, 300)}`);
    }
    assert.deepEqual(found, []);

    // No copy of their recordings in the blob store, none left at the carrier.
    const mediaDir = loadConfig().media.dir;
    const files = filesUnder(path.join(mediaDir, 'recordings'));
    for (const id of recordingIds)
      assert.ok(!files.some((f) => f.includes(id)), `${id} still in the blob store`);
    assert.deepEqual(
      stack.sim.heldRecordings().filter((r) => r.from === PERSON || r.to === PERSON),
      [],
      'the carrier holds none of their recordings',
    );

    // Their calls' Temporal executions are gone.
    for (const c of personCalls)
      await eventually(
        `${c.workflowId} deleted`,
        async () => {
          try {
            await stack.client.workflow.getHandle(c.workflowId).describe();
            return undefined;
          } catch (err) {
            if (err instanceof WorkflowNotFoundError) return true;
            throw err;
          }
        },
        // Temporal deletes in the background (a task of its own), which lags on a loaded server.
        60_000,
      );

    // The export is empty; the reports and the other account are unchanged.
    const after = await exportOf(`phone=${encodeURIComponent(PERSON)}`);
    for (const kind of [
      'calls',
      'voicemails',
      'textConversations',
      'emails',
      'forms',
      'visitorSessions',
      'conversions',
    ])
      assert.deepEqual(after[kind], [], kind);
    assert.deepEqual((await exportOf(`email=${encodeURIComponent(ADDRESS)}`)).emails, []);
    assert.deepEqual(
      (
        await stack.api(
          'GET',
          `/v1/reports/calls/summary?propertyId=${propertyId}&from=2020-01-01&to=2030-01-01`,
        )
      ).body,
      summaryBefore,
    );
    assert.deepEqual(
      await stack.dataSource.query(`SELECT c::text AS row FROM calls c WHERE id = $1`, [otherCallId]),
      otherBefore,
    );
    const otherExport = await http(
      'GET',
      `${stack.apiUrl}/v1/privacy/exports?phone=${encodeURIComponent(PERSON)}`,
      undefined,
      withKey(other.apiKey),
    );
    assert.deepEqual(
      otherExport.body.calls.map((c: any) => c.id),
      [otherCallId],
    );

    // The audit keeps who asked and what went, never the number or the address.
    const audit = await stack.api('GET', '/v1/privacy/requests');
    assert.equal(audit.body.items.length, 6);
    assert.ok(!JSON.stringify(audit.body).includes('5550177'));
  });

  it('the person calling again is a first-time caller', async () => {
    const again = await call(MESSAGES, { caller: [{ hangup_after_s: 5 }] });
    const [row]: { prior: number }[] = await stack.dataSource.query(
      `SELECT prior_calls AS prior FROM calls WHERE id = $1`,
      [again.id],
    );
    assert.equal(row.prior, 0);
  });
});
