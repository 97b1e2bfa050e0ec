import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Pool } from 'pg';
import { http } from '../support/http';
import { anotherApi, startApiOnly, type AnotherApi, type ApiOnly } from '../support/api-app';
import { eventually } from '../support/test-stack';
import { startWebhookReceiver, type Delivery } from '../support/webhook-receiver';

const TRACKING = '+13125550199';

/** The Switchboard-Delivery id of a notification the receiver got. */
const deliveryOf = (d: Delivery) => String(d.headers['switchboard-delivery']);

/**
 * Text notifications are stored with the text and sent by whichever api process is up, so a retry
 * survives the process that received the text (a restart, a crash, a scale-down).
 */
describe('text notifications outlive the api process that received the text', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const telnyxKey = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
  let first: ApiOnly;
  let db: Pool;
  let propertyId: string;

  /** The carrier's signed message.received webhook for a text to the tracking number, sent to `apiUrl`. */
  async function textArrives(apiUrl: string, from: string, text: string): Promise<void> {
    const body = JSON.stringify({
      data: {
        record_type: 'event',
        event_type: 'message.received',
        id: randomUUID(),
        occurred_at: new Date().toISOString(),
        payload: {
          id: randomUUID(),
          direction: 'inbound',
          from: { phone_number: from },
          to: [{ phone_number: TRACKING }],
          text,
        },
      },
    });
    const ts = Math.floor(Date.now() / 1000);
    const r = await http('POST', `${apiUrl}/webhooks/telnyx`, body, {
      'content-type': 'application/json',
      'telnyx-timestamp': String(ts),
      'telnyx-signature-ed25519': sign(null, Buffer.from(`${ts}|${body}`), privateKey).toString('base64'),
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'routed');
  }

  const notifyTo = async (url: string) => {
    const put = await first.request('PUT', `/v1/properties/${propertyId}/text-routing`, {
      notifyWebhookUrl: url,
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  };
  const messageFrom = async (from: string): Promise<string> =>
    (
      await db.query(
        `SELECT m.id FROM text_messages m JOIN text_conversations c ON c.id = m.conversation_id
          WHERE c.external_number = $1`,
        [from],
      )
    ).rows[0].id;
  const waiting = async () =>
    (await db.query(`SELECT delivery_id, attempts FROM text_notifications ORDER BY delivery_id`)).rows;

  before(async () => {
    first = await startApiOnly({ TELNYX_PUBLIC_KEY: telnyxKey, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' });
    db = new Pool({ connectionString: first.dbUrl, max: 2 });
    const p = await first.request('POST', '/v1/properties', {
      name: 'Birch Lane',
      timeZone: 'America/Chicago',
    });
    propertyId = p.body.id;
    const s = await first.request('POST', `/v1/properties/${propertyId}/sources`, { name: 'Zillow' });
    const n = await first.request('POST', `/v1/properties/${propertyId}/tracking-numbers`, {
      number: TRACKING,
      sourceId: s.body.id,
      forwardTo: '+13125550111',
    });
    assert.equal(n.status, 201, JSON.stringify(n.body));
  });
  after(async () => {
    await db?.end();
    await first?.stop();
  });

  it('a retry due after the receiving api stopped is sent by another api process', async () => {
    const receiver = await startWebhookReceiver([503, 204]);
    let second: AnotherApi | undefined;
    try {
      await notifyTo(receiver.url);
      await textArrives(first.url, '+13125550100', 'Is the 2BR still available?');
      await eventually('the first attempt', async () => receiver.deliveries[0]);
      // The receiving process stops before its retry (due 1 s after the 503) ...
      await first.closeApp();
      assert.equal(receiver.deliveries.length, 1, 'the first api stopped before its retry');
      const id = await messageFrom('+13125550100');
      assert.deepEqual(await waiting(), [{ delivery_id: id, attempts: 1 }]);
      // ... and another api process, started later, sends it.
      second = await anotherApi(first);
      await eventually('the retry', async () => receiver.deliveries[1], 15_000);
      const [attempt1, attempt2] = receiver.deliveries;
      assert.equal(deliveryOf(attempt1), id);
      assert.equal(deliveryOf(attempt2), id, 'the same Switchboard-Delivery on every attempt');
      assert.deepEqual(attempt2.body, attempt1.body);
      assert.equal(attempt2.body.text, 'Is the 2BR still available?');
      await eventually('the outbox emptied', async () => ((await waiting()).length === 0 ? true : undefined));
    } finally {
      await second?.close();
      await receiver.close();
    }
  });

  it('sends 4 attempts in all and then drops the notification; a 4xx ends it at once', async () => {
    const second = await anotherApi(first);
    const down = await startWebhookReceiver([503]);
    try {
      // The api's own URL for its requests from here on: the first one is closed.
      const put = await http(
        'PUT',
        `${second.url}/v1/properties/${propertyId}/text-routing`,
        { notifyWebhookUrl: down.url },
        { authorization: `Bearer ${first.apiKey}` },
      );
      assert.equal(put.status, 200, JSON.stringify(put.body));
      await textArrives(second.url, '+13125550101', 'Pets allowed?');
      const id = await messageFrom('+13125550101');
      for (let n = 1; n <= 3; n++) {
        // Once attempt n is recorded as failed, its wait (1 s, 10 s, 60 s) is brought forward: the
        // time of the next attempt is the database's.
        await eventually(
          `attempt ${n} recorded`,
          async () =>
            (
              await db.query(
                `UPDATE text_notifications SET next_attempt_at = now()
                  WHERE delivery_id = $1 AND last_error = $2 RETURNING 1`,
                [id, `attempt ${n}: answered 503`],
              )
            ).rowCount
              ? true
              : undefined,
          15_000,
        );
      }
      await eventually('given up', async () => ((await waiting()).length === 0 ? true : undefined), 15_000);
      assert.equal(down.deliveries.length, 4);
      assert.deepEqual(new Set(down.deliveries.map(deliveryOf)), new Set([id]));
      // A sweep (every 5 s) later, no fifth attempt.
      await new Promise((r) => setTimeout(r, 6_000));
      assert.equal(down.deliveries.length, 4);

      const refusing = await startWebhookReceiver([404]);
      try {
        await http(
          'PUT',
          `${second.url}/v1/properties/${propertyId}/text-routing`,
          { notifyWebhookUrl: refusing.url },
          { authorization: `Bearer ${first.apiKey}` },
        );
        await textArrives(second.url, '+13125550102', 'Parking?');
        await eventually('the attempt', async () => refusing.deliveries[0]);
        await eventually('dropped', async () => ((await waiting()).length === 0 ? true : undefined));
        await new Promise((r) => setTimeout(r, 1_500));
        assert.equal(refusing.deliveries.length, 1, 'a 404 is not retried');
      } finally {
        await refusing.close();
      }
    } finally {
      await second.close();
      await down.close();
    }
  });
});
