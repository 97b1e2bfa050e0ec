import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Telnyx from 'telnyx';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';

const AGENT = '+17205550111';

/**
 * Tracking numbers searched, ordered and released through the carrier: the real api and worker on
 * real PostgreSQL, with the Telnyx simulator as the carrier.
 */
describe('ordering and releasing tracking numbers', () => {
  let stack: TestStack;
  let carrier: Telnyx;
  let propertyId: string;
  let sourceId: string;
  let base: string;

  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    // The stack points the api at its simulator through these.
    carrier = new Telnyx({
      apiKey: process.env.TELNYX_API_KEY!,
      baseURL: stack.sim.apiBaseUrl,
      maxRetries: 0,
    });
    const p = await stack.api('POST', '/v1/properties', {
      name: 'Cherry Creek Lofts',
      timeZone: 'America/Denver',
    });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    propertyId = p.body.id;
    const s = await stack.api('POST', `/v1/properties/${propertyId}/sources`, { name: 'Zillow' });
    assert.equal(s.status, 201, JSON.stringify(s.body));
    sourceId = s.body.id;
    base = `/v1/properties/${propertyId}`;
  });
  after(async () => {
    stack?.sim.setFaults({});
    await stack?.stop();
  });

  const ownedAtCarrier = async (number: string) =>
    (await carrier.phoneNumbers.list({ filter: { phone_number: number.slice(1) } })).data.map(
      (n) => n.phone_number,
    );
  const carrierOrders = async () => (await carrier.numberOrders.list({ 'page[size]': 250 })).data.length;
  const rowsFor = async (number: string): Promise<unknown[]> =>
    stack.dataSource.query(`SELECT id FROM tracking_numbers WHERE number = $1`, [number]);
  const offered = async (contains: string) => {
    const r = await stack.api('GET', `${base}/available-numbers?areaCode=720&contains=${contains}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.items.map((i: { number: string }) => i.number);
  };
  const order = (body: Record<string, unknown>) => stack.api('POST', `${base}/tracking-numbers/order`, body);

  it('searches the carrier by area code and digits, deterministically', async () => {
    const r = await stack.api('GET', `${base}/available-numbers?areaCode=720&contains=0142&limit=5`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.items, [
      {
        number: '+17205550142',
        features: ['sms', 'mms', 'voice', 'fax', 'emergency'],
        locality: 'Denver',
        region: 'CO',
        rateCenter: 'DENVER',
        monthlyCost: '1.00',
        upfrontCost: '1.00',
        currency: 'USD',
      },
    ]);
    const three = await stack.api('GET', `${base}/available-numbers?areaCode=720&limit=3`);
    assert.deepEqual(
      three.body.items.map((i: { number: string }) => i.number),
      ['+17205550100', '+17205550101', '+17205550102'],
    );
  });

  it('orders a number: the carrier owns it, the tracking number exists, and it is no longer offered', async () => {
    const r = await order({ number: '+1 (720) 555-0150', sourceId, forwardTo: '+1 720 555 0111' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.number, '+17205550150');
    assert.equal(r.body.forwardTo, AGENT);
    assert.equal(r.body.sourceId, sourceId);
    assert.equal(r.body.carrier.status, 'active');
    assert.equal(typeof r.body.carrier.orderId, 'string');

    const list = await stack.api('GET', `${base}/tracking-numbers`);
    assert.ok(
      list.body.items.some((n: { number: string }) => n.number === '+17205550150'),
      JSON.stringify(list.body),
    );
    const [owned] = (await carrier.phoneNumbers.list({ filter: { phone_number: '17205550150' } })).data;
    assert.equal(owned.phone_number, '+17205550150');
    assert.equal(owned.connection_id, stack.sim.connectionId, 'routed to our Call Control application');
    assert.deepEqual(await offered('0150'), []);
  });

  it('orders a number for a call flow without a forwarding destination', async () => {
    const flow = await stack.api('POST', `${base}/call-flows`, {
      name: 'Closed',
      definition: {
        initialStepId: 'bye',
        recording: false,
        steps: [{ id: 'bye', type: 'hangup', message: { kind: 'tts', text: 'We are closed.' } }],
      },
    });
    assert.equal(flow.status, 201, JSON.stringify(flow.body));
    const r = await order({ number: '+17205550155', sourceId, callFlowId: flow.body.id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.callFlowId, flow.body.id);
    assert.equal(r.body.forwardTo, '');
  });

  it('answers 409 for a number that is taken, at the carrier or here, and writes nothing', async () => {
    // Someone else buys it first.
    await carrier.numberOrders.create({ phone_numbers: [{ phone_number: '+17205550151' }] });
    const taken = await order({ number: '+17205550151', sourceId, forwardTo: AGENT });
    assert.equal(taken.status, 409, JSON.stringify(taken.body));
    assert.deepEqual(
      taken.body.error.fields.map((f: { field: string }) => f.field),
      ['number'],
    );
    assert.deepEqual(await rowsFor('+17205550151'), []);

    // Already one of our tracking numbers: refused before the carrier is asked.
    const ordersBefore = await carrierOrders();
    const again = await order({ number: '+17205550150', sourceId, forwardTo: AGENT });
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.equal(again.body.error.fields[0].field, 'number');
    assert.equal(await carrierOrders(), ordersBefore);
  });

  it('answers 4xx naming the fields of bad input, and orders nothing', async () => {
    const other = await stack.api('POST', '/v1/properties', {
      name: 'Elsewhere',
      timeZone: 'America/Denver',
    });
    const otherSource = await stack.api('POST', `/v1/properties/${other.body.id}/sources`, {
      name: 'Google',
    });
    const ordersBefore = await carrierOrders();
    const cases: {
      what: string;
      r: () => Promise<{ status: number; body: any }>;
      status: number;
      field: string;
    }[] = [
      {
        what: 'area code',
        r: () => stack.api('GET', `${base}/available-numbers?areaCode=12`),
        status: 422,
        field: 'areaCode',
      },
      {
        what: 'limit',
        r: () => stack.api('GET', `${base}/available-numbers?limit=0`),
        status: 422,
        field: 'limit',
      },
      {
        what: 'limit type',
        r: () => stack.api('GET', `${base}/available-numbers?limit=lots`),
        status: 422,
        field: 'limit',
      },
      {
        what: 'contains',
        r: () => stack.api('GET', `${base}/available-numbers?contains=55-01`),
        status: 422,
        field: 'contains',
      },
      {
        what: 'unknown query',
        r: () => stack.api('GET', `${base}/available-numbers?city=Denver`),
        status: 422,
        field: 'city',
      },
      {
        what: 'number',
        r: () => order({ number: '555-0150', sourceId, forwardTo: AGENT }),
        status: 422,
        field: 'number',
      },
      {
        what: 'sourceId format',
        r: () => order({ number: '+17205550152', sourceId: 'zillow', forwardTo: AGENT }),
        status: 422,
        field: 'sourceId',
      },
      {
        what: 'forwardTo',
        r: () => order({ number: '+17205550152', sourceId, forwardTo: 'reception' }),
        status: 422,
        field: 'forwardTo',
      },
      {
        what: 'no destination',
        r: () => order({ number: '+17205550152', sourceId }),
        status: 422,
        field: 'forwardTo',
      },
      {
        what: 'foreign source',
        r: () => order({ number: '+17205550152', sourceId: otherSource.body.id, forwardTo: AGENT }),
        status: 422,
        field: 'sourceId',
      },
      {
        what: 'unknown flow',
        r: () =>
          order({ number: '+17205550152', sourceId, callFlowId: '00000000-0000-4000-8000-000000000000' }),
        status: 422,
        field: 'callFlowId',
      },
      {
        what: 'numberId',
        r: () => stack.api('DELETE', `${base}/tracking-numbers/nope`),
        status: 400,
        field: 'numberId',
      },
    ];
    for (const c of cases) {
      const res = await c.r();
      assert.equal(res.status, c.status, `${c.what}: ${JSON.stringify(res.body)}`);
      const fields = (res.body.error.fields ?? []).map((f: { field: string }) => f.field);
      assert.ok(fields.includes(c.field), `${c.what}: ${JSON.stringify(res.body)}`);
    }
    const unknown = await stack.api(
      'DELETE',
      `${base}/tracking-numbers/00000000-0000-4000-8000-000000000000`,
    );
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
    const noProperty = await stack.api(
      'GET',
      `/v1/properties/00000000-0000-4000-8000-000000000000/available-numbers`,
    );
    assert.equal(noProperty.status, 404, JSON.stringify(noProperty.body));
    assert.equal(await carrierOrders(), ordersBefore);
    assert.deepEqual(await rowsFor('+17205550152'), []);
  });

  it('answers 502/503 when the carrier fails, and writes nothing', async () => {
    stack.sim.setFaults({ apiErrorStatus: 503 });
    const failed = await order({ number: '+17205550160', sourceId, forwardTo: AGENT });
    assert.equal(failed.status, 502, JSON.stringify(failed.body));
    assert.equal(failed.body.error.code, 'carrier_unavailable');
    assert.match(failed.body.error.message, /nothing was changed/);
    assert.deepEqual(await rowsFor('+17205550160'), []);
    assert.deepEqual(await ownedAtCarrier('+17205550160'), []);

    stack.sim.setFaults({ apiErrorStatus: 500 });
    const search = await stack.api('GET', `${base}/available-numbers?areaCode=720`);
    assert.equal(search.status, 502, JSON.stringify(search.body));
    stack.sim.setFaults({ apiErrorStatus: 429 });
    const limited = await order({ number: '+17205550160', sourceId, forwardTo: AGENT });
    assert.deepEqual([limited.status, limited.body.error.code], [503, 'carrier_rate_limited']);
    stack.sim.setFaults({});
    assert.deepEqual(await offered('0160'), ['+17205550160'], 'still on offer');
  });

  it('gives the number back when its tracking number cannot be saved', async () => {
    // A concurrent insert of the same number, as the database would report it.
    await stack.dataSource.query(`
      CREATE FUNCTION test_refuse_number() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'simulated concurrent insert'
          USING ERRCODE = 'unique_violation', CONSTRAINT = 'uq_tracking_numbers_number';
      END $$`);
    await stack.dataSource.query(`
      CREATE TRIGGER test_refuse_number BEFORE INSERT ON tracking_numbers
        FOR EACH ROW WHEN (NEW.number = '+17205550170') EXECUTE FUNCTION test_refuse_number()`);
    try {
      const r = await order({ number: '+17205550170', sourceId, forwardTo: AGENT });
      assert.equal(r.status, 409, JSON.stringify(r.body));
      assert.equal(r.body.error.fields[0].field, 'number');
    } finally {
      await stack.dataSource.query(`DROP TRIGGER test_refuse_number ON tracking_numbers`);
      await stack.dataSource.query(`DROP FUNCTION test_refuse_number()`);
    }
    assert.deepEqual(await rowsFor('+17205550170'), []);
    assert.deepEqual(await ownedAtCarrier('+17205550170'), [], 'released again at the carrier');
    assert.deepEqual(await offered('0170'), ['+17205550170']);
  });

  it('keeps the tracking number when the carrier fails to release it', async () => {
    const r = await order({ number: '+17205550175', sourceId, forwardTo: AGENT });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    stack.sim.setFaults({ apiErrorStatus: 503 });
    const failed = await stack.api('DELETE', `${base}/tracking-numbers/${r.body.id}`);
    stack.sim.setFaults({});
    assert.equal(failed.status, 502, JSON.stringify(failed.body));
    assert.equal((await rowsFor('+17205550175')).length, 1);
    assert.deepEqual(await ownedAtCarrier('+17205550175'), ['+17205550175']);
  });

  it('releases a number: the carrier gets it back, calls keep their data, new calls are rejected', async () => {
    const number = '+17205550180';
    const r = await order({ number, sourceId, forwardTo: AGENT });
    assert.equal(r.status, 201, JSON.stringify(r.body));

    const first = await stack.sim.placeCall({
      from: '+13035550199',
      to: number,
      // Our latency is magnified tenfold on the compressed clock: leave the bridge time to happen.
      caller: [{ hangup_after_s: 20 }],
      agents: { [AGENT]: { answer_after_s: 1 } },
    });
    const recorded = await callRecord(first.call_session_id);
    assert.equal(recorded.outcome, 'answered');
    assert.equal(recorded.tracking_number_id, r.body.id);

    const released = await stack.api('DELETE', `${base}/tracking-numbers/${r.body.id}`);
    assert.equal(released.status, 204, JSON.stringify(released.body));
    assert.deepEqual(await rowsFor(number), []);
    assert.deepEqual(await ownedAtCarrier(number), []);
    assert.deepEqual(await offered('0180'), [number], 'back on offer');
    const list = await stack.api('GET', `${base}/tracking-numbers`);
    assert.ok(!list.body.items.some((n: { number: string }) => n.number === number));

    const kept = await callRecord(first.call_session_id);
    assert.deepEqual(
      {
        trackingNumberId: kept.tracking_number_id,
        to: kept.to_number,
        source: kept.source_name,
        property: kept.property_id,
        outcome: kept.outcome,
      },
      { trackingNumberId: null, to: number, source: 'Zillow', property: propertyId, outcome: 'answered' },
    );

    const second = await stack.sim.placeCall({
      from: '+13035550198',
      to: number,
      caller: [{ hangup_after_s: 5 }],
    });
    const rejected = await callRecord(second.call_session_id);
    assert.equal(rejected.outcome, 'rejected');
    assert.equal(rejected.property_id, null);
    const leg = stack.sim.session(second.call_session_id)?.legs[0];
    assert.equal(leg?.hangup_cause, 'call_rejected');

    const gone = await stack.api('DELETE', `${base}/tracking-numbers/${r.body.id}`);
    assert.equal(gone.status, 404);
  });

  it('still records a call that was running when its number was released', async () => {
    const number = '+17205550185';
    const r = await order({ number, sourceId, forwardTo: AGENT });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const call = await stack.sim.placeCall({
      from: '+13035550197',
      to: number,
      caller: [{ hangup_after_s: 30 }],
      agents: { [AGENT]: { answer_after_s: 1 } },
    });
    await eventually('the agent on the line', async () =>
      stack.sim.session(call.call_session_id)?.legs.some((l) => l.direction === 'outgoing' && l.bridged_with)
        ? true
        : undefined,
    );
    const released = await stack.api('DELETE', `${base}/tracking-numbers/${r.body.id}`);
    assert.equal(released.status, 204, JSON.stringify(released.body));
    const recorded = await callRecord(call.call_session_id);
    assert.deepEqual(
      [recorded.outcome, recorded.tracking_number_id, recorded.to_number, recorded.property_id],
      ['answered', null, number, propertyId],
    );
  });

  /** Read from the database: the call log's API scoping is not what this test is about. */
  async function callRecord(sessionId: string): Promise<Record<string, any>> {
    return eventually('call record', async () => {
      const rows: Record<string, any>[] = await stack.dataSource.query(
        `SELECT outcome, tracking_number_id, to_number, source_name, property_id FROM calls WHERE call_session_id = $1`,
        [sessionId],
      );
      return rows[0];
    });
  }
});
