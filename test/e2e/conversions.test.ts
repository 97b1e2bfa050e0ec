import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { saveFinishedCall } from '@switchboard/activities';
import type { CallRecordInput } from '@switchboard/contracts';
import { loadConfig } from '@switchboard/config';
import { ConversionDeliveryStarter } from '@switchboard/temporal';
import { ConversionRepository } from '@switchboard/persistence';
import { callRecordStores } from '../../apps/worker/src/call-worker';
import { http } from '../support/http';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

/**
 * A call through the simulator earns a conversion by the rule "answered and talked at least 60 s";
 * the worker produces it when it saves the call and its delivery workflow runs; saving the same
 * call again (the activity retried) produces nothing more. A form sent from a Google ad click is
 * uploaded to Google Ads (the local fake), and a refused click id shows in the delivery log.
 */
describe('conversions end to end: a qualifying call, produced once, delivered by its workflow', () => {
  let stack: TestStack;
  let base: string;
  let ga4Id: string;

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    const p = await stack.api('POST', '/v1/properties', { name: 'Birch Flats', timeZone: 'America/Chicago' });
    base = `/v1/properties/${p.body.id}`;
    const src = await stack.api('POST', `${base}/sources`, { name: 'Google Ads' });
    const n = await stack.api('POST', `${base}/tracking-numbers`, {
      number: '+13125550160',
      sourceId: src.body.id,
      forwardTo: '+13125550122',
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
    const d = await stack.api('POST', `${base}/conversion-destinations`, {
      platform: 'ga4',
      name: 'GA4',
      config: { measurementId: 'G-E2ETEST1', apiSecret: 'mp-secret' },
    });
    assert.equal(d.status, 201, JSON.stringify(d.body));
    ga4Id = d.body.id;
    const rule = await stack.api('POST', `${base}/conversion-rules`, {
      name: 'qualified_call',
      value: 75,
      currency: 'USD',
      when: { leadKind: 'call', answered: true, talkSecondsAtLeast: 60 },
      destinationIds: [ga4Id],
    });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
  });
  after(async () => {
    await stack?.stop();
  });

  const call = async (talkSecs: number) => {
    const c = await stack.sim.placeCall({
      from: '+13125550466',
      to: '+13125550160',
      caller: [{ hangup_after_s: talkSecs + 30 }],
      agents: { '+13125550122': { answer_after_s: 1, hangup_after_s: talkSecs } },
    });
    return eventually(
      'call record',
      async () => (await stack.api('GET', `/v1/calls?callSessionId=${c.call_session_id}`)).body.items[0],
      60_000,
    );
  };

  it('a 70 s answered call earns one conversion, and its delivery runs once', async () => {
    const talked = await call(70);
    const short = await call(10);
    assert.ok(talked.talkSecs >= 60, `talked ${talked.talkSecs} s`);
    assert.ok(short.talkSecs < 60, `talked ${short.talkSecs} s`);

    const done = await eventually(
      'the delivery attempted',
      async () => {
        const r = await stack.api('GET', `${base}/conversions`);
        const d = r.body.items[0]?.deliveries[0];
        return d && d.status !== 'pending' ? r.body : undefined;
      },
      30_000,
    );
    assert.equal(done.total, 1, 'the short call earns nothing');
    const [c] = done.items;
    assert.deepEqual(
      [c.leadKind, c.leadId, c.name, c.value, c.currency],
      ['call', talked.id, 'qualified_call', 75, 'USD'],
    );
    assert.equal(new Date(c.occurredAt).toISOString(), new Date(talked.startedAt).toISOString());
    assert.equal(c.deliveries.length, 1);
    const [d] = c.deliveries;
    assert.deepEqual([d.destinationId, d.platform, d.attempts], [ga4Id, 'ga4', 1]);
    // A phone call from no website visit has no GA4 client id: GA4 cannot take it, and the log says so.
    assert.deepEqual([d.status, d.lastErrorCode], ['rejected', 'missing_click_id']);
    assert.equal(stack.adsSim.requests(), 0, 'nothing was sent for it');

    // The worker's saveCallRecord activity retried: the record saved again, its deliveries started again.
    const [row] = await stack.dataSource.query(
      `SELECT workflow_id, call_session_id, call_control_id, from_number, to_number, property_id,
              tracking_number_id, source_id, source_name, started_at, answered_at, ended_at, outcome,
              answered_by, hangup_cause, path
         FROM calls WHERE id = $1`,
      [talked.id],
    );
    const record: CallRecordInput = {
      workflowId: row.workflow_id,
      callSessionId: row.call_session_id,
      callControlId: row.call_control_id,
      from: row.from_number,
      to: row.to_number,
      propertyId: row.property_id,
      trackingNumberId: row.tracking_number_id,
      sourceId: row.source_id,
      sourceName: row.source_name,
      startedAt: row.started_at.toISOString(),
      answeredAt: row.answered_at.toISOString(),
      endedAt: row.ended_at.toISOString(),
      outcome: row.outcome,
      answeredBy: row.answered_by,
      hangupCause: row.hangup_cause,
      path: row.path,
    };
    const saved = await saveFinishedCall(callRecordStores(stack.dataSource), record);
    const starter = new ConversionDeliveryStarter(
      stack.client,
      stack.taskQueue,
      new ConversionRepository(stack.dataSource),
      loadConfig().conversions,
    );
    assert.equal(await starter.start(saved.conversionDeliveryIds), 0, 'no delivery started twice');
    // Even a start of the same delivery by hand (the sweep, say) is refused by its workflow id.
    assert.equal(await starter.start([d.id]), 0);
    await new Promise((r) => setTimeout(r, 1_000));
    const again = await stack.api('GET', `${base}/conversions`);
    assert.equal(again.body.total, 1, 'still one conversion');
    assert.equal(again.body.items[0].deliveries.length, 1);
    assert.equal(again.body.items[0].deliveries[0].attempts, 1, 'never sent twice');
  });

  it('rescoring that makes calls good leads gives them the good-lead rule’s conversion', async () => {
    const rule = await stack.api('POST', `${base}/conversion-rules`, {
      name: 'good_lead',
      currency: 'USD',
      when: { leadKind: 'call', leadStatus: 'good_lead' },
      destinationIds: [ga4Id],
    });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
    const rules = await stack.api('PUT', `${base}/scoring-rules`, {
      baseScore: 10,
      goodLeadAtLeast: 50,
      notALeadBelow: 0,
      rules: [{ name: 'answered', when: { answered: true }, points: 50 }],
    });
    assert.equal(rules.status, 200, JSON.stringify(rules.body));
    const page = await eventually(
      'the rescore’s conversions delivered',
      async () => {
        const r = await stack.api('GET', `${base}/conversions?limit=10`);
        const good = r.body.items.filter((c: any) => c.ruleId === rule.body.id);
        return good.length === 2 && good.every((c: any) => c.deliveries[0]?.attempts === 1)
          ? good
          : undefined;
      },
      30_000,
    );
    assert.deepEqual(
      page.map((c: any) => [c.name, c.value, c.deliveries.length]),
      [
        ['good_lead', null, 1],
        ['good_lead', null, 1],
      ],
    );
  });

  it('a form sent from a Google ad click reaches Google Ads; a refused click id shows in the log', async () => {
    const origin = 'https://birch.example';
    const gads = await stack.api('POST', `${base}/conversion-destinations`, {
      platform: 'google_ads',
      name: 'Google Ads',
      config: {
        customerId: '1234567890',
        conversionActionId: '987654',
        developerToken: 'dev-token',
        accessToken: 'ya29.e2e',
      },
    });
    assert.equal(gads.status, 201, JSON.stringify(gads.body));
    const rule = await stack.api('POST', `${base}/conversion-rules`, {
      name: 'contact_form',
      value: 20,
      currency: 'USD',
      when: { leadKind: 'form' },
      destinationIds: [gads.body.id],
    });
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
    const dni = await stack.api('PATCH', `${base}/dni`, {
      allowedOrigins: [origin],
      formTracking: { enabled: true },
    });
    assert.equal(dni.status, 200, JSON.stringify(dni.body));
    const script = (path: string, body: unknown) =>
      http('POST', `${stack.apiUrl}/dni/${dni.body.dniKey}/${path}`, body, { origin });

    /** A visit from an ad click, then the contact form sent in it. */
    const formFromClick = async (gclid: string) => {
      const landingUrl = `${origin}/?gclid=${gclid}`;
      const v = await script('visits', { landingUrl, pageUrl: landingUrl });
      assert.equal(v.status, 200, JSON.stringify(v.body));
      const f = await script('forms', {
        sessionId: v.body.sessionId,
        visitorId: v.body.visitorId,
        pageUrl: `${origin}/contact`,
        formId: 'contact',
        fields: [
          { name: 'name', type: 'text', value: 'Ann Lee' },
          { name: 'phone', type: 'tel', value: '(312) 555-0191' },
        ],
      });
      assert.equal(f.status, 201, JSON.stringify(f.body));
      return f.body.id as string;
    };
    const good = await formFromClick('Cj0KCQ-e2e-good');
    const refused = await formFromClick('INVALID-e2e');

    const byLead = await eventually('both form deliveries settled', async () => {
      const r = await stack.api('GET', `${base}/conversions?limit=50`);
      const mine = r.body.items.filter((c: any) => c.ruleId === rule.body.id);
      return mine.length === 2 && mine.every((c: any) => c.deliveries[0]?.status !== 'pending')
        ? new Map<string, any>(mine.map((c: any) => [c.leadId, c]))
        : undefined;
    });
    const delivered = byLead.get(good);
    assert.deepEqual(
      [delivered.leadKind, delivered.clickIds.gclid, delivered.deliveries[0].status],
      ['form', 'Cj0KCQ-e2e-good', 'delivered'],
    );
    const rejected = byLead.get(refused).deliveries[0];
    assert.deepEqual([rejected.status, rejected.lastErrorCode], ['rejected', 'invalid_click_id']);

    // What Google Ads received: the conversion, by its click, at the form's time in Chicago.
    const sent = stack.adsSim.received().filter((r) => r.platform === 'google_ads');
    assert.deepEqual(
      sent.map((r) => [r.account, r.id, r.clickId]),
      [['1234567890', delivered.id, 'Cj0KCQ-e2e-good']],
    );
    const offset = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Chicago',
      timeZoneName: 'longOffset',
    })
      .formatToParts(new Date(delivered.occurredAt))
      .find((p) => p.type === 'timeZoneName')!
      .value.replace('GMT', '');
    assert.match(String(sent[0].time), new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d${offset}$`));

    // The upload file names both, in the property's zone.
    const csv = await fetch(
      `${stack.apiUrl}${base}/conversions/google-ads.csv?destinationId=${gads.body.id}`,
      { headers: { authorization: `Bearer ${stack.apiKey}` } },
    );
    assert.equal(csv.status, 200);
    const text = await csv.text();
    assert.match(text, /^Parameters:TimeZone=America\/Chicago/);
    assert.ok(text.includes('Cj0KCQ-e2e-good,contact_form,'), text);
    assert.ok(text.includes('INVALID-e2e,contact_form,'), text);
  });

  it('a delivery whose workflow start was lost is started by the sweep, once', async () => {
    // What a crash between the producing transaction's commit and the workflow start leaves: the rows.
    const [conversion] = await stack.dataSource.query(
      `INSERT INTO conversions (property_id, lead_kind, lead_id, occurred_at, value, currency, name)
       SELECT property_id, 'form', 'form-stranded-1', now(), 10, 'USD', 'stranded' FROM conversion_destinations
        WHERE id = $1 RETURNING id`,
      [ga4Id],
    );
    const [delivery] = await stack.dataSource.query(
      `INSERT INTO conversion_deliveries (conversion_id, destination_id, property_id, platform)
       SELECT $1, id, property_id, platform FROM conversion_destinations WHERE id = $2 RETURNING id`,
      [conversion.id, ga4Id],
    );
    const starter = new ConversionDeliveryStarter(
      stack.client,
      stack.taskQueue,
      new ConversionRepository(stack.dataSource),
      loadConfig().conversions,
    );
    // Younger than the wait: the transaction that made it may still be starting its workflow.
    assert.equal(await starter.resumeStranded(3600), 0);
    assert.equal(await starter.resumeStranded(0), 1);
    const attempted = await eventually('the stranded delivery attempted', async () => {
      const r = await stack.api('GET', `${base}/conversions?limit=10`);
      const c = r.body.items.find((x: any) => x.id === conversion.id);
      return c?.deliveries[0]?.attempts === 1 ? c.deliveries[0] : undefined;
    });
    assert.equal(attempted.id, delivery.id);
    // A later sweep (another worker's) starts nothing again.
    assert.equal(await starter.resumeStranded(0), 0);
  });
});
