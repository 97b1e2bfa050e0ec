import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Telnyx from 'telnyx';
import { startTelnyxSimulator, type TelnyxSimulator } from '../../apps/telnyx-sim/src';
import { api, API_KEY, sleep } from './helpers';

/** Telnyx's number APIs on the simulator, driven through the `telnyx` SDK as an app would. */
describe('number search, orders and phone numbers', () => {
  let sim: TelnyxSimulator;
  let client: Telnyx;

  before(async () => {
    sim = await startTelnyxSimulator({ apiKey: API_KEY });
    client = new Telnyx({ apiKey: API_KEY, baseURL: sim.apiBaseUrl, maxRetries: 0, timeout: 5000 });
  });
  after(() => sim.close());

  const search = async (filter: Telnyx.AvailablePhoneNumberListParams['filter']) =>
    (await client.availablePhoneNumbers.list({ filter })).data ?? [];
  const numbersOf = (rows: { phone_number?: string }[]) => rows.map((r) => r.phone_number);
  const owned = async (phoneNumber?: string) => {
    const out: Telnyx.PhoneNumbers.NumbersPhoneNumberDetailed[] = [];
    const filter = phoneNumber ? { phone_number: phoneNumber.replace('+', '') } : undefined;
    for await (const n of client.phoneNumbers.list({ filter })) out.push(n);
    return out;
  };

  it('needs the bearer key', async () => {
    const res = await fetch(`${sim.apiBaseUrl}/available_phone_numbers`);
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { errors: { code: string }[] }).errors[0].code, '10009');
    const wrong = new Telnyx({ apiKey: 'nope', baseURL: sim.apiBaseUrl, maxRetries: 0 });
    await assert.rejects(
      wrong.numberOrders.create({ phone_numbers: [{ phone_number: '+13125550100' }] }),
      (err) => {
        return err instanceof Telnyx.AuthenticationError;
      },
    );
  });

  it('offers a deterministic inventory per area code, with Telnyx filters', async () => {
    const first = await search({ country_code: 'US', national_destination_code: '312', limit: 3 });
    assert.deepEqual(numbersOf(first), ['+13125550100', '+13125550101', '+13125550102']);
    assert.deepEqual(
      numbersOf(await search({ national_destination_code: '312', limit: 3 })),
      numbersOf(first),
    );
    const one = first[0];
    assert.equal(one.record_type, 'available_phone_number');
    assert.deepEqual(
      one.region_information?.find((r) => r.region_type === 'state'),
      { region_type: 'state', region_name: 'IL' },
    );
    assert.equal(one.cost_information?.currency, 'USD');
    assert.ok(one.features?.some((f) => f.name === 'voice'));

    // With an area code, patterns apply to the rest of the number (Telnyx: "excludes NDC").
    assert.deepEqual(
      numbersOf(await search({ national_destination_code: '720', phone_number: { contains: '0142' } })),
      ['+17205550142'],
    );
    const starts = await search({
      national_destination_code: '720',
      phone_number: { starts_with: '555014' },
    });
    assert.equal(starts.length, 10);
    assert.deepEqual(
      numbersOf(await search({ national_destination_code: '720', phone_number: { ends_with: '42' } })),
      ['+17205550142'],
    );
    assert.deepEqual(numbersOf(await search({ phone_number: { starts_with: '720555013' }, limit: 2 })), [
      '+17205550130',
      '+17205550131',
    ]);
    // Lines ending in 9 are voice-only: an sms filter leaves them out.
    const sms = await search({ national_destination_code: '415', features: ['voice', 'sms'], limit: 100 });
    assert.equal(sms.length, 90);
    assert.ok(sms.every((n) => !n.phone_number?.endsWith('9')));
    const res = await client.availablePhoneNumbers.list({ filter: { administrative_area: 'co', limit: 1 } });
    assert.equal(res.meta?.total_results, 200, 'two Colorado area codes of 100 numbers each');
    assert.deepEqual(await search({ country_code: 'GB' }), []);
    assert.deepEqual(await search({ national_destination_code: '999' }), []);
    assert.deepEqual(await search({ national_destination_code: '312', phone_number_type: 'toll_free' }), []);
  });

  it('answers 422 naming the query parameter', async () => {
    const bad = await api(
      sim,
      'GET',
      '/available_phone_numbers?filter[limit]=0&filter[national_destination_code]=abc&filter[features]=teleport&filter[phone_number][contains]=12-3',
    );
    assert.equal(bad.status, 422);
    const byParameter = Object.fromEntries(
      bad.body.errors.map((e: { source: { parameter: string }; code: string }) => [
        e.source.parameter,
        e.code,
      ]),
    );
    assert.deepEqual(byParameter, {
      'filter[limit]': '10033',
      'filter[national_destination_code]': '10002',
      'filter[features]': '10032',
      'filter[phone_number][contains]': '10002',
    });
    await assert.rejects(
      client.availablePhoneNumbers.list({ filter: { limit: 1000 } }),
      (err) => err instanceof Telnyx.UnprocessableEntityError,
    );
  });

  it('orders a number: it exists on the account and is no longer offered', async () => {
    const res = await client.numberOrders.create({
      phone_numbers: [{ phone_number: '+13125550150' }],
      connection_id: sim.connectionId,
      customer_reference: 'order-test',
    });
    const order = res.data!;
    assert.equal(order.status, 'success');
    assert.equal(order.phone_numbers_count, 1);
    assert.equal(order.phone_numbers?.[0].phone_number, '+13125550150');
    assert.equal(order.phone_numbers?.[0].status, 'success');
    assert.equal(order.connection_id, sim.connectionId);
    assert.equal((await client.numberOrders.retrieve(order.id!)).data?.id, order.id);

    const [n] = await owned('+13125550150');
    assert.equal(n.phone_number, '+13125550150');
    assert.equal(n.status, 'active');
    assert.equal(n.connection_id, sim.connectionId);
    assert.equal(n.customer_reference, 'order-test');
    assert.match(n.id, /^\d{19}$/);
    assert.equal((await client.phoneNumbers.retrieve(n.id)).data?.phone_number, '+13125550150');
    assert.deepEqual(
      numbersOf(await search({ national_destination_code: '312', phone_number: { contains: '0150' } })),
      [],
    );
  });

  it('refuses to order an unavailable number, like Telnyx, with nothing bought', async () => {
    await client.numberOrders.create({ phone_numbers: [{ phone_number: '+13125550151' }] });
    for (const number of ['+13125550151', '+13125551234', '+19995550100']) {
      const again = await api(sim, 'POST', '/number_orders', {
        phone_numbers: [{ phone_number: '+13125550152' }, { phone_number: number }],
      });
      assert.equal(again.status, 422, number);
      assert.deepEqual(
        again.body.errors.map((e: { source: { pointer: string } }) => e.source.pointer),
        ['/phone_numbers/1/phone_number'],
      );
    }
    assert.deepEqual(await owned('+13125550152'), [], 'an order is all or nothing');
    await assert.rejects(
      client.numberOrders.create({ phone_numbers: [{ phone_number: '+13125550151' }] }),
      (err) => err instanceof Telnyx.UnprocessableEntityError,
    );
  });

  it('validates an order body field by field', async () => {
    const missing = await api(sim, 'POST', '/number_orders', {});
    assert.deepEqual(
      [missing.status, missing.body.errors[0].code, missing.body.errors[0].source.pointer],
      [422, '10004', '/phone_numbers'],
    );
    const bad = await api(sim, 'POST', '/number_orders', {
      phone_numbers: [{ phone_number: '3125550153' }, {}],
      connection_id: 'someone-else',
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(
      bad.body.errors.map((e: { code: string; source: { pointer: string } }) => [e.code, e.source.pointer]),
      [
        ['10016', '/phone_numbers/0/phone_number'],
        ['10004', '/phone_numbers/1/phone_number'],
        ['10015', '/connection_id'],
      ],
    );
    const notJson = await api(sim, 'POST', '/number_orders', '{');
    assert.equal(notJson.status, 422, 'a JSON string is not an object');
  });

  it('answers 404 for unknown ids', async () => {
    await assert.rejects(
      client.numberOrders.retrieve('no-such-order'),
      (err) => err instanceof Telnyx.NotFoundError,
    );
    await assert.rejects(client.phoneNumbers.delete('1'), (err) => err instanceof Telnyx.NotFoundError);
    await assert.rejects(client.phoneNumbers.retrieve('1'), (err) => err instanceof Telnyx.NotFoundError);
  });

  it('releases a number: it leaves the account and is offered again', async () => {
    await client.numberOrders.create({ phone_numbers: [{ phone_number: '+13125550160' }] });
    const [n] = await owned('+13125550160');
    const deleted = await client.phoneNumbers.delete(n.id);
    assert.equal(deleted.data?.status, 'deleted');
    assert.equal(deleted.data?.phone_number, '+13125550160');
    assert.deepEqual(await owned('+13125550160'), []);
    await assert.rejects(client.phoneNumbers.delete(n.id), (err) => err instanceof Telnyx.NotFoundError);
    assert.deepEqual(
      numbersOf(await search({ national_destination_code: '312', phone_number: { contains: '0160' } })),
      ['+13125550160'],
    );
  });

  it('lists owned numbers page by page and filters them', async () => {
    await client.numberOrders.create({
      phone_numbers: ['+16175550100', '+16175550101', '+16175550102'].map((phone_number) => ({
        phone_number,
      })),
      customer_reference: 'paging',
    });
    const page = await client.phoneNumbers.list({
      filter: { customer_reference: 'paging' },
      'page[size]': 2,
    });
    assert.equal(page.data.length, 2);
    assert.equal(page.meta.total_pages, 2);
    const all: string[] = [];
    for await (const n of client.phoneNumbers.list({
      filter: { customer_reference: 'paging' },
      'page[size]': 2,
    })) {
      all.push(n.phone_number);
    }
    assert.deepEqual(all.sort(), ['+16175550100', '+16175550101', '+16175550102']);
    assert.equal((await owned('+16175550101')).length, 1, 'phone_number filter');
    assert.deepEqual(await owned('+1617555019'), [], 'digits match nothing owned');
    const short = await api(sim, 'GET', '/phone_numbers?filter[phone_number]=61');
    assert.deepEqual([short.status, short.body.errors[0].source.parameter], [422, 'filter[phone_number]']);
  });

  it('applies injected API faults to number requests, without side effects', async () => {
    sim.setFaults({ apiErrorStatus: 503 });
    await assert.rejects(
      client.numberOrders.create({ phone_numbers: [{ phone_number: '+13125550170' }] }),
      (err) => err instanceof Telnyx.InternalServerError && err.status === 503,
    );
    assert.deepEqual(await owned('+13125550170'), []);
  });

  it('POST /sim/reset gives every number back', async () => {
    const before = (await owned()).length;
    assert.ok(before > 0);
    const res = await fetch(`${sim.url}/sim/reset`, { method: 'POST' });
    assert.deepEqual(((await res.json()) as { released_numbers: number }).released_numbers, before);
    assert.deepEqual(await owned(), []);
    assert.equal(
      (await search({ national_destination_code: '312', phone_number: { contains: '0150' } })).length,
      1,
    );
  });
});

describe('number orders that take time', () => {
  let sim: TelnyxSimulator;
  let client: Telnyx;

  before(async () => {
    sim = await startTelnyxSimulator({ apiKey: API_KEY, numberOrderDelayMs: 300 });
    client = new Telnyx({ apiKey: API_KEY, baseURL: sim.apiBaseUrl, maxRetries: 0 });
  });
  after(() => sim.close());

  it('stay pending, their numbers purchase-pending and already taken, then succeed', async () => {
    const order = (await client.numberOrders.create({ phone_numbers: [{ phone_number: '+12065550100' }] }))
      .data!;
    assert.equal(order.status, 'pending');
    const [n] = (await client.phoneNumbers.list({ filter: { phone_number: '12065550100' } })).data;
    assert.equal(n.status, 'purchase-pending');
    assert.equal(n.activated_at, null);
    const list = await client.availablePhoneNumbers.list({
      filter: { national_destination_code: '206', phone_number: { contains: '0100' } },
    });
    assert.deepEqual(list.data, []);
    await sleep(350);
    assert.equal((await client.numberOrders.retrieve(order.id!)).data?.status, 'success');
    assert.equal((await client.phoneNumbers.retrieve(n.id)).data?.status, 'active');
  });
});
