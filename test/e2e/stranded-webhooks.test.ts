import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '@switchboard/config';
import { WebhookRepository } from '@switchboard/persistence';
import { WebhookPublisher } from '@switchboard/temporal';
import { eventually, startTestStack, type TestStack } from '../support/test-stack';
import { startWebhookReceiver } from '../support/webhook-receiver';

describe('a webhook announced while Temporal was down is sent once it is back', () => {
  let stack: TestStack;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  before(async () => {
    stack = await startTestStack({ timeScale: 0.1 });
    receiver = await startWebhookReceiver();
  });
  after(async () => {
    await stack?.stop();
    receiver?.server.close();
  });

  it('starts the delivery the api could not, once, and only after it has waited its turn', async () => {
    const p = await stack.api('POST', '/v1/properties', { name: 'Larch Mews', timeZone: 'America/Chicago' });
    const base = `/v1/properties/${p.body.id}`;
    const sub = await stack.api('POST', `${base}/webhooks`, { url: receiver.url, events: ['text.received'] });
    assert.equal(sub.status, 201, JSON.stringify(sub.body));

    // What publishing leaves behind when the database took the delivery and Temporal refused its
    // workflow: the row, and no workflow.
    const repo = new WebhookRepository(stack.dataSource);
    const [deliveryId] = await repo.createDeliveries({
      id: 'text/stranded-1',
      type: 'text.received',
      createdAt: new Date().toISOString(),
      propertyId: p.body.id,
      data: { text: 'Is the two-bedroom still available?' },
    });
    const publisher = new WebhookPublisher(stack.client, stack.taskQueue, repo, loadConfig().webhooks);

    // Younger than the wait: the publish that made it may still be starting its workflow.
    assert.equal(await publisher.resumeStranded(3600), 0);
    assert.equal(await publisher.resumeStranded(0), 1);
    await eventually('the delivery', async () => (receiver.deliveries.length > 0 ? true : undefined), 15_000);
    assert.equal(receiver.deliveries[0].body.id, 'text/stranded-1');
    assert.equal(receiver.deliveries[0].body.data.text, 'Is the two-bedroom still available?');
    const shown = await eventually('delivered', async () => {
      const d = await stack.api('GET', `${base}/webhook-deliveries/${deliveryId}`);
      return d.body.status === 'delivered' ? d.body : undefined;
    });
    assert.equal(shown.attempts, 1);

    // A later sweep (another worker's, say) finds nothing to do and sends nothing again.
    assert.equal(await publisher.resumeStranded(0), 0);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(receiver.deliveries.length, 1);
  });
});
