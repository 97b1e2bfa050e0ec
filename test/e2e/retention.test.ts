import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CallRecordInput } from '@switchboard/contracts';
import { loadConfig } from '@switchboard/config';
import { NamespaceHistoryRetention } from '@switchboard/temporal';
import { Connection } from '@temporalio/client';
import { createTestAccount, withKey } from '../support/accounts';
import { callRecordSaver } from '../support/call-records';
import { http } from '../support/http';
import { testServers } from '../support/test-env';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const AGENT = '+13125550171';
const CALLER = '+13125550102';
const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY).toISOString();
const ALL_30 = {
  recordings: 30,
  voicemail: 30,
  transcripts: 30,
  texts: 30,
  emails: 30,
  forms: 30,
  callerData: 30,
};

/**
 * A retention run on the whole stack: two accounts, each with real simulated calls (a voicemail,
 * a recorded conversation) made 40 days old, and rows of every other kind inserted old and recent.
 * A's dry run counts exactly what is old and changes nothing; A's real run strips it (recordings
 * deleted in our blob store and at the carrier, numbers tokenised, bodies gone) and leaves recent
 * data, B's data and the reports as they were; a second run finds nothing to do.
 */
describe('retention runs on the real stack', () => {
  let stack: TestStack;
  let otherKey: string;
  let birch: string;
  let pine: string;
  let other: string;
  const ids: Record<string, string> = {};
  const q = (sql: string, params: unknown[] = []) => stack.dataSource.query(sql, params);
  const asA = (method: string, p: string, body?: unknown) => stack.api(method, p, body);
  const asB = (method: string, p: string, body?: unknown) =>
    http(method, `${stack.apiUrl}${p}`, body, withKey(otherKey));

  /** A property with a voicemail number and a recorded desk number. */
  async function property(
    api: (m: string, p: string, b?: unknown) => Promise<{ status: number; body: any }>,
    name: string,
    numbers: [string, string],
  ): Promise<string> {
    const p = await api('POST', '/v1/properties', { name, timeZone: 'America/Chicago' });
    const base = `/v1/properties/${p.body.id}`;
    await api('POST', `${base}/voicemail-boxes`, { id: 'leasing', name: 'Leasing' });
    const src = await api('POST', `${base}/sources`, { name: 'Zillow' });
    const messages = await api('POST', `${base}/call-flows`, {
      name: 'Messages',
      definition: {
        initialStepId: 'vm',
        steps: [{ id: 'vm', type: 'voicemail', voicemailBoxId: 'leasing', beep: true, maxLengthSeconds: 60 }],
      },
    });
    const recorded = await api('POST', `${base}/call-flows`, {
      name: 'Recorded desk',
      definition: {
        initialStepId: 'desk',
        recording: true,
        steps: [{ id: 'desk', type: 'forward', to: AGENT, timeoutSeconds: 20, callerId: 'tracking_number' }],
      },
    });
    for (const [number, flow] of [
      [numbers[0], messages.body.id],
      [numbers[1], recorded.body.id],
    ]) {
      const n = await api('POST', `${base}/tracking-numbers`, {
        number,
        sourceId: src.body.id,
        forwardTo: AGENT,
        callFlowId: flow,
      });
      assert.equal(n.status, 201, JSON.stringify(n.body));
    }
    return p.body.id as string;
  }

  /** Places a call and waits for its record and its recordings' copies. */
  async function call(script: Parameters<TestStack['sim']['placeCall']>[0]): Promise<string> {
    const placed = await stack.sim.placeCall(script);
    const [row] = await eventually(
      'call record and recordings',
      async () => {
        const rows = await q(
          `SELECT c.id, count(r.id)::int AS n, bool_and(r.status = 'stored') AS stored
             FROM calls c LEFT JOIN recordings r ON r.workflow_id = c.workflow_id
            WHERE c.call_session_id = $1 GROUP BY c.id`,
          [placed.call_session_id],
        );
        return rows[0]?.n > 0 && rows[0].stored ? rows : undefined;
      },
      45_000,
    );
    return row.id as string;
  }

  /** Moves a call, its recordings and its carrier events `days` into the past. */
  async function age(callId: string, days: number): Promise<void> {
    const shift = `${days} days`;
    await q(
      `UPDATE calls SET started_at = started_at - $2::interval, ended_at = ended_at - $2::interval,
              answered_at = answered_at - $2::interval WHERE id = $1`,
      [callId, shift],
    );
    await q(
      `UPDATE recordings SET created_at = created_at - $2::interval
        WHERE workflow_id = (SELECT workflow_id FROM calls WHERE id = $1)`,
      [callId, shift],
    );
  }

  /** Rows of every other kind a property holds, one old (40 days) and one recent (2 days) each. */
  async function seed(propertyId: string, tag: string): Promise<void> {
    const save = callRecordSaver(stack.dataSource);
    const [{ number_id: numberId, source_id: sourceId, number }] = await q(
      `SELECT id AS number_id, source_id, number FROM tracking_numbers WHERE property_id = $1 LIMIT 1`,
      [propertyId],
    );
    const record = (id: string, startedAt: string, from: string): CallRecordInput => ({
      workflowId: `call-${id}`,
      callSessionId: `session-${id}`,
      callControlId: `v3:${id}`,
      from,
      to: number,
      propertyId,
      trackingNumberId: numberId,
      sourceId,
      sourceName: 'Zillow',
      startedAt,
      answeredAt: null,
      endedAt: new Date(Date.parse(startedAt) + 30_000).toISOString(),
      outcome: 'no_answer',
      answeredBy: null,
      hangupCause: 'normal_clearing',
      path: [],
    });
    for (const [when, days] of [
      ['old', 40],
      ['recent', 2],
    ] as const) {
      const key = `${tag}-${when}`;
      const [session] = await q(
        `INSERT INTO visitor_sessions (property_id, visitor_id, landing_url, active_page, started_at, last_seen_at,
                                       client_key, click_ids)
         VALUES ($1, $2, 'https://example.com/?gclid=abc', 'https://example.com/', $3, $3, 'ck-' || $2,
                 '{"gclid":"abc"}') RETURNING id`,
        [propertyId, `visitor-${key}`, daysAgo(days)],
      );
      await save({ ...record(key, daysAgo(days), CALLER) });
      const [c] = await q(`SELECT id, workflow_id FROM calls WHERE workflow_id = $1`, [`call-${key}`]);
      ids[`call-${key}`] = c.id;
      await q(`UPDATE calls SET transcript = 'I would like a two bedroom', session_id = $2 WHERE id = $1`, [
        c.id,
        session.id,
      ]);
      await q(
        `INSERT INTO call_transcript_segments (workflow_id, seq, occurred_at, speaker, text, event_id)
         VALUES ($1, 1, $2, 'caller', 'I would like a two bedroom', $3)`,
        [c.workflow_id, daysAgo(days), `segment-${key}`],
      );
      await q(
        `INSERT INTO carrier_events (id, event_type, workflow_id, occurred_at, payload)
         VALUES ($1, 'call.initiated', $2, $3, $4)`,
        [`event-${key}`, c.workflow_id, daysAgo(days), JSON.stringify({ from: CALLER, to: number })],
      );
      const [conversation] = await q(
        `INSERT INTO text_conversations (property_id, tracking_number, external_number, created_at, last_message_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING id`,
        [propertyId, number, when === 'old' ? '+13125550133' : '+13125550134', daysAgo(days)],
      );
      // One instant for both, so the check's order (time, then body) never depends on the clock.
      const sent = daysAgo(days);
      for (const body of ['Is the loft free?', 'Can I see it Sunday?'])
        await q(
          `INSERT INTO text_messages (conversation_id, direction, kind, body, status, occurred_at)
           VALUES ($1, 'inbound', 'text', $2, 'received', $3)`,
          [conversation.id, body, sent],
        );
      await q(
        `INSERT INTO emails (property_id, source_name, message_id, recipient, from_address, to_addresses, cc_addresses,
                             subject, text_body, html_body, received_at, forward_status)
         VALUES ($1, 'Zillow', $2, 'leasing@inbound.test', 'Renter@Example.com',
                 '["leasing@inbound.test", "friend@example.com"]', '["mum@example.com"]', 'Tour?',
                 'Call me on 312 555 0102', '<p>Call me</p>', $3, 'no_destination')`,
        [propertyId, `<m-${key}@example.com>`, daysAgo(days)],
      );
      await q(
        `INSERT INTO form_submissions (property_id, session_id, visitor_id, source_name, page_url, fields, name, phone,
                                       email, message, submitted_at)
         VALUES ($1, $2, $3, 'Website', 'https://example.com/apply?gclid=abc', '{"unit":"4B"}', 'Rita Renter',
                 $4, 'rita@example.com', 'Pets ok?', $5)`,
        [propertyId, session.id, `visitor-${key}`, CALLER, daysAgo(days)],
      );
      await q(
        `INSERT INTO conversions (property_id, lead_kind, lead_id, occurred_at, currency, name, phone, email, click_ids,
                                  page_url)
         VALUES ($1, 'call', $2, $3, 'USD', 'Lead', $4, 'rita@example.com', '{"gclid":"abc"}',
                 'https://example.com/?gclid=abc')`,
        [propertyId, c.id, daysAgo(days), CALLER],
      );
      await q(
        `INSERT INTO webhook_deliveries (subscription_id, property_id, event_id, event_type, payload, created_at)
         VALUES ((SELECT id FROM webhook_subscriptions WHERE property_id = $1 LIMIT 1), $1, $2, 'call.completed', $3, $4)`,
        [propertyId, `evt-${key}`, JSON.stringify({ data: { from: CALLER } }), daysAgo(days)],
      );
    }
  }

  /** Every personal value of a property's rows, to compare before and after. */
  async function personal(propertyId: string): Promise<unknown> {
    return {
      calls: await q(
        `SELECT c.id, c.from_number, c.to_number, c.transcript,
                (SELECT count(*)::int FROM call_transcript_segments s WHERE s.workflow_id = c.workflow_id) AS pieces,
                (SELECT count(*)::int FROM carrier_events e WHERE e.workflow_id = c.workflow_id) AS events
           FROM calls c WHERE property_id = $1 ORDER BY id`,
        [propertyId],
      ),
      recordings: await q(
        `SELECT r.id, r.status, r.blob_key FROM recordings r JOIN calls c ON c.workflow_id = r.workflow_id
          WHERE c.property_id = $1 ORDER BY r.id`,
        [propertyId],
      ),
      voicemail: await q(
        `SELECT id, from_number FROM voicemail_messages WHERE property_id = $1 ORDER BY id`,
        [propertyId],
      ),
      sessions: await q(
        `SELECT id, visitor_id, client_key, click_ids FROM visitor_sessions WHERE property_id = $1 ORDER BY started_at`,
        [propertyId],
      ),
      texts: await q(
        `SELECT t.external_number, m.body FROM text_messages m JOIN text_conversations t ON t.id = m.conversation_id
          WHERE t.property_id = $1 ORDER BY m.occurred_at, m.body`,
        [propertyId],
      ),
      emails: await q(
        `SELECT from_address, subject, text_body, to_addresses, cc_addresses FROM emails WHERE property_id = $1 ORDER BY received_at`,
        [propertyId],
      ),
      forms: await q(
        `SELECT fields::text, name, phone, email, message, page_url FROM form_submissions WHERE property_id = $1 ORDER BY submitted_at`,
        [propertyId],
      ),
      conversions: await q(
        `SELECT phone, email, click_ids FROM conversions WHERE property_id = $1 ORDER BY occurred_at`,
        [propertyId],
      ),
      webhooks: await q(`SELECT payload FROM webhook_deliveries WHERE property_id = $1 ORDER BY created_at`, [
        propertyId,
      ]),
    };
  }

  const summary = (api: typeof asB, propertyId: string) =>
    api(
      'GET',
      `/v1/reports/calls/summary?propertyId=${propertyId}&from=${daysAgo(60).slice(0, 10)}&to=${daysAgo(-1).slice(0, 10)}&groupBy=source`,
    );

  /** Starts a run of A's and waits for it to end. */
  async function run(dryRun: boolean): Promise<any> {
    const started = await stack.api('POST', '/v1/privacy/retention/runs', { dryRun });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    return eventually(
      'run finished',
      async () => {
        const r = await stack.api('GET', `/v1/privacy/retention/runs/${started.body.id}`);
        return r.body.status === 'running' ? undefined : r.body;
      },
      90_000,
    );
  }

  const blobPath = (key: string) => path.join(loadConfig().media.dir, key);

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    otherKey = (await createTestAccount(stack.apiUrl, 'Tenant B')).apiKey;
    birch = await property(asA, 'Birch Court', ['+13125550160', '+13125550161']);
    pine = (await stack.api('POST', '/v1/properties', { name: 'Pine Row', timeZone: 'America/Chicago' })).body
      .id;
    other = await property(asB, 'Other Lofts', ['+13125550162', '+13125550163']);
    ids.voicemail = await call({ from: CALLER, to: '+13125550160', caller: [{ hangup_after_s: 20 }] });
    ids.conversation = await call({
      from: '+13125550103',
      to: '+13125550161',
      caller: [{ hangup_after_s: 25 }],
      agents: { [AGENT]: { answer_after_s: 0.5 } },
    });
    ids.otherVoicemail = await call({ from: CALLER, to: '+13125550162', caller: [{ hangup_after_s: 20 }] });
    for (const id of [ids.voicemail, ids.conversation, ids.otherVoicemail]) await age(id, 40);
    for (const [api, p] of [
      [asA, birch],
      [asB, other],
      [asA, pine],
    ] as const)
      await api('POST', `/v1/properties/${p}/webhooks`, {
        url: 'http://127.0.0.1:9/hook',
        events: ['form.submitted'],
      });
    await seed(birch, 'birch');
    await seed(other, 'other');
    assert.equal((await stack.api('PUT', '/v1/privacy/retention', ALL_30)).status, 200);
    assert.equal((await asB('PUT', '/v1/privacy/retention', { ...ALL_30, callerData: 45 })).status, 200);
  });
  after(async () => {
    await stack?.stop();
  });

  it('a dry run counts exactly what is old, and changes nothing', async () => {
    const before = await personal(birch);
    const r = await run(true);
    assert.equal(r.status, 'succeeded', r.error);
    assert.equal(r.dryRun, true);
    // Old at Birch: two real calls and a seeded one (callerData), a transcript, two messages, one
    // email, one form, one conversation recording and one voicemail.
    assert.deepEqual(r.counts[birch], {
      recordings: 1,
      voicemail: 1,
      transcripts: 1,
      texts: 2,
      emails: 1,
      forms: 1,
      callerData: 3,
    });
    assert.equal(r.counts[other], undefined, "another account's properties are not part of A's run");
    assert.deepEqual(await personal(birch), before);
  });

  it('a real run strips what is old; recent data, the other account and the reports stay as they were', async () => {
    const birchBefore: any = await personal(birch);
    const otherBefore = await personal(other);
    const reportsBefore = [(await summary(asA, birch)).body, (await summary(asB, other)).body];
    const recordings = await q(
      `SELECT r.id, r.carrier_recording_id AS carrier, r.blob_key AS key, c.property_id AS property
         FROM recordings r JOIN calls c ON c.workflow_id = r.workflow_id`,
    );
    assert.equal(recordings.length, 3);
    for (const r of recordings) assert.ok(existsSync(blobPath(r.key)), `our copy of ${r.id}`);
    const held = () => new Set(stack.sim.heldRecordings().map((h) => h.id));
    for (const r of recordings) assert.ok(held().has(r.carrier));

    const r = await run(false);
    assert.equal(r.status, 'succeeded', r.error);
    assert.deepEqual(r.totals, {
      recordings: 1,
      voicemail: 1,
      transcripts: 1,
      texts: 2,
      emails: 1,
      forms: 1,
      callerData: 3,
    });

    // Recordings: ours and the carrier's copy gone for Birch, B's kept; the call says it went.
    for (const rec of recordings) {
      const mine = rec.property === birch;
      assert.equal(existsSync(blobPath(rec.key)), !mine, `our copy of ${rec.id}`);
      assert.equal(held().has(rec.carrier), !mine, `the carrier's copy of ${rec.id}`);
    }
    const listed = await stack.api('GET', `/v1/calls/${ids.voicemail}/recordings`);
    assert.equal(listed.body.items[0].status, 'deleted');
    const [deleted] = await q(`SELECT deleted_reason FROM recordings WHERE status = 'deleted' LIMIT 1`);
    assert.equal(deleted.deleted_reason, 'retention');

    // Old calls: the caller tokenised, the same token for the same number; pieces and events gone.
    const calls = await q(
      `SELECT id, from_number, transcript,
              (SELECT count(*)::int FROM call_transcript_segments s WHERE s.workflow_id = c.workflow_id) AS pieces,
              (SELECT count(*)::int FROM carrier_events e WHERE e.workflow_id = c.workflow_id) AS events
         FROM calls c WHERE property_id = $1`,
      [birch],
    );
    const byId = new Map(calls.map((c: any) => [c.id, c]));
    const oldVoicemail: any = byId.get(ids.voicemail);
    const oldSeeded: any = byId.get(ids['call-birch-old']);
    const recent: any = byId.get(ids['call-birch-recent']);
    assert.match(oldVoicemail.from_number, /^erased-[0-9a-f]{20}$/);
    assert.equal(oldSeeded.from_number, oldVoicemail.from_number, 'one caller, one token');
    assert.match((byId.get(ids.conversation) as any).from_number, /^erased-/);
    assert.deepEqual(
      [oldSeeded.transcript, oldSeeded.pieces, oldSeeded.events, oldVoicemail.events],
      [null, 0, 0, 0],
    );
    assert.deepEqual(
      [recent.from_number, recent.transcript, recent.pieces, recent.events],
      [CALLER, 'I would like a two bedroom', 1, 1],
    );
    const [vm] = await q(`SELECT from_number FROM voicemail_messages WHERE call_id = $1`, [ids.voicemail]);
    assert.equal(vm.from_number, oldVoicemail.from_number);

    const after: any = await personal(birch);
    // Texts, emails, forms, conversions, webhook payloads: the old one of each stripped, the recent kept.
    assert.deepEqual(
      after.texts.map((t: any) => t.body),
      ['', '', 'Can I see it Sunday?', 'Is the loft free?'],
    );
    assert.match(after.texts[0].external_number, /^erased-/);
    assert.equal(after.texts[2].external_number, '+13125550134');
    assert.deepEqual(after.emails[0], {
      from_address: after.emails[0].from_address,
      subject: '',
      text_body: null,
      to_addresses: ['leasing@inbound.test'],
      cc_addresses: [],
    });
    assert.match(after.emails[0].from_address, /^erased-/);
    assert.deepEqual(after.emails[1], birchBefore.emails[1]);
    assert.deepEqual(after.forms[0], {
      fields: '{}',
      name: null,
      phone: oldVoicemail.from_number,
      email: after.forms[0].email,
      message: null,
      page_url: 'https://example.com/apply',
    });
    assert.match(after.forms[0].email, /^erased-/);
    assert.deepEqual(after.forms[1], birchBefore.forms[1]);
    // A conversion keeps no contact: a token is of no use to an ad platform.
    assert.deepEqual(
      [after.conversions[0].click_ids, after.conversions[0].phone, after.conversions[0].email],
      [{}, null, null],
    );
    assert.deepEqual(after.conversions[1], birchBefore.conversions[1]);
    assert.deepEqual(after.webhooks[0].payload, { redacted: 'retention' });
    assert.deepEqual(after.webhooks[1], birchBefore.webhooks[1]);
    const sessions = after.sessions.filter((s: any) => s.client_key === null);
    assert.equal(sessions.length, 1);
    assert.match(sessions[0].visitor_id, /^erased-/);

    // The other account: untouched. The reports: the same figures as before.
    assert.deepEqual(await personal(other), otherBefore);
    assert.deepEqual([(await summary(asA, birch)).body, (await summary(asB, other)).body], reportsBefore);

    // Temporal keeps finished histories for the shortest callerData period: A's 30 days.
    const connection = await Connection.connect({ address: testServers().temporalAddress });
    try {
      assert.equal(await new NamespaceHistoryRetention(connection, 'default').days(), 30);
    } finally {
      await connection.close();
    }
  });

  it('a second run finds nothing to remove: idempotent', async () => {
    const before = await personal(birch);
    const r = await run(false);
    assert.equal(r.status, 'succeeded', r.error);
    assert.deepEqual(r.totals, {
      recordings: 0,
      voicemail: 0,
      transcripts: 0,
      texts: 0,
      emails: 0,
      forms: 0,
      callerData: 0,
    });
    assert.deepEqual(await personal(birch), before);
  });

  it('a property keeping texts forever keeps its old texts', async () => {
    assert.equal(
      (await stack.api('PUT', `/v1/properties/${pine}/retention`, { texts: 'forever' })).status,
      200,
    );
    const [conversation] = await q(
      `INSERT INTO text_conversations (property_id, tracking_number, external_number, created_at, last_message_at)
       VALUES ($1, '+13125550164', '+13125550135', $2, $2) RETURNING id`,
      [pine, daysAgo(40)],
    );
    await q(
      `INSERT INTO text_messages (conversation_id, direction, kind, body, status, occurred_at)
       VALUES ($1, 'inbound', 'text', 'Still free?', 'received', $2)`,
      [conversation.id, daysAgo(40)],
    );
    const r = await run(false);
    assert.equal(r.status, 'succeeded', r.error);
    assert.equal(r.counts[pine].texts, undefined, 'no texts task on Pine');
    const [m] = await q(`SELECT body FROM text_messages WHERE conversation_id = $1`, [conversation.id]);
    assert.equal(m.body, 'Still free?');
  });
});
