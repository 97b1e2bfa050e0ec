import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NumberInventoryError, TelnyxNumberInventory } from '@switchboard/telephony';
import { startTelnyxSimulator, type TelnyxSimulator } from '@switchboard/telnyx-sim';

const API_KEY = 'inventory-test-key';

const kindOf = (kind: NumberInventoryError['kind']) => (err: unknown) =>
  err instanceof NumberInventoryError && err.kind === kind;

/** The libs/telephony number port against the simulator's Telnyx number APIs. */
describe('TelnyxNumberInventory', () => {
  let sim: TelnyxSimulator;
  let slowSim: TelnyxSimulator;
  let inventory: TelnyxNumberInventory;

  before(async () => {
    sim = await startTelnyxSimulator({ apiKey: API_KEY });
    slowSim = await startTelnyxSimulator({ apiKey: API_KEY, numberOrderDelayMs: 300 });
    inventory = new TelnyxNumberInventory({
      apiKey: API_KEY,
      baseUrl: sim.apiBaseUrl,
      connectionId: sim.connectionId,
    });
  });
  after(async () => {
    await sim.close();
    await slowSim.close();
  });

  it('searches and maps what the carrier offers', async () => {
    const found = await inventory.search({
      areaCode: '512',
      contains: '0123',
      limit: 5,
      features: ['voice'],
    });
    assert.deepEqual(found, [
      {
        phoneNumber: '+15125550123',
        features: ['sms', 'mms', 'voice', 'fax', 'emergency'],
        locality: 'Austin',
        region: 'TX',
        rateCenter: 'AUSTIN',
        monthlyCost: '1.00',
        upfrontCost: '1.00',
        currency: 'USD',
      },
    ]);
    assert.equal((await inventory.search({ areaCode: '512', limit: 7 })).length, 7);
  });

  it('orders onto our connection, refuses a taken number, and releases idempotently', async () => {
    const ordered = await inventory.order({ phoneNumber: '+15125550130', customerReference: 'ref-1' });
    assert.equal(ordered.status, 'active');
    assert.equal(ordered.phoneNumber, '+15125550130');
    const [owned] = await inventory.listOwned({ phoneNumber: '+15125550130' });
    assert.equal(owned.connectionId, sim.connectionId);
    assert.equal(owned.customerReference, 'ref-1');

    await assert.rejects(inventory.order({ phoneNumber: '+15125550130' }), kindOf('number_unavailable'));
    await assert.rejects(inventory.order({ phoneNumber: '+15125559999' }), kindOf('number_unavailable'));

    assert.equal(await inventory.release('+15125550130'), 'released');
    assert.equal(await inventory.release('+15125550130'), 'not_owned');
    assert.deepEqual(await inventory.listOwned({ phoneNumber: '+15125550130' }), []);
  });

  it('waits for a pending order, and says pending when it stops waiting', async () => {
    const patient = new TelnyxNumberInventory({
      apiKey: API_KEY,
      baseUrl: slowSim.apiBaseUrl,
      connectionId: slowSim.connectionId,
      orderWaitMs: 3000,
      orderPollMs: 50,
    });
    assert.equal((await patient.order({ phoneNumber: '+13035550100' })).status, 'active');
    const hasty = new TelnyxNumberInventory({
      apiKey: API_KEY,
      baseUrl: slowSim.apiBaseUrl,
      connectionId: slowSim.connectionId,
      orderWaitMs: 0,
    });
    assert.equal((await hasty.order({ phoneNumber: '+13035550101' })).status, 'pending');
  });

  it('maps carrier failures to error kinds', async () => {
    const wrongKey = new TelnyxNumberInventory({
      apiKey: 'nope',
      baseUrl: sim.apiBaseUrl,
      connectionId: 'x',
    });
    await assert.rejects(wrongKey.search({ limit: 1 }), kindOf('unauthorized'));

    sim.setFaults({ apiErrorStatus: 503 });
    await assert.rejects(inventory.order({ phoneNumber: '+15125550140' }), kindOf('unavailable'));
    sim.setFaults({ apiErrorStatus: 429 });
    await assert.rejects(inventory.search({ limit: 1 }), kindOf('rate_limited'));
    assert.deepEqual(
      await inventory.listOwned({ phoneNumber: '+15125550140' }),
      [],
      'a failed order bought nothing',
    );

    await assert.rejects(inventory.search({ areaCode: 'abc', limit: 1 }), (err: unknown) => {
      return kindOf('rejected')(err) && /national_destination_code|digits/.test((err as Error).message);
    });
    const otherConnection = new TelnyxNumberInventory({
      apiKey: API_KEY,
      baseUrl: sim.apiBaseUrl,
      connectionId: 'not-ours',
    });
    await assert.rejects(otherConnection.order({ phoneNumber: '+15125550141' }), kindOf('rejected'));

    const unreachable = new TelnyxNumberInventory({
      apiKey: API_KEY,
      baseUrl: 'http://127.0.0.1:9/v2',
      connectionId: 'x',
      timeoutMs: 2000,
    });
    await assert.rejects(unreachable.release('+15125550130'), kindOf('unavailable'));
  });
});
