import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  DELIVER_WEBHOOK_WORKFLOW,
  type DeliverWebhookInput,
  type WebhookEnvelope,
  type WebhookEventType,
  type WebhookRetryPolicy,
} from '@switchboard/contracts';
import type { WebhookDeliverySettings } from '@switchboard/config';
import type { WebhookRepository } from '@switchboard/persistence';

/** A delivery's retry policy from its settings (webhooks' and conversions' have the same fields). */
export function retryPolicyOf(
  s: Pick<
    WebhookDeliverySettings,
    'retryInitialSecs' | 'retryMaxIntervalSecs' | 'giveUpAfterSecs' | 'attemptTimeoutSecs'
  >,
): WebhookRetryPolicy {
  return {
    initialIntervalMs: s.retryInitialSecs * 1000,
    maximumIntervalMs: s.retryMaxIntervalSecs * 1000,
    giveUpAfterMs: s.giveUpAfterSecs * 1000,
    attemptTimeoutMs: s.attemptTimeoutSecs * 1000,
  };
}

/**
 * Turns an event into deliveries to the property's subscribers, each sent and retried by its own
 * durable workflow. The api (texts, emails, redeliveries) and the worker (calls) share this class.
 */
export class WebhookPublisher {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly repo: WebhookRepository,
    private readonly settings: WebhookDeliverySettings,
  ) {}

  /**
   * `eventId` must identify the event (a call's workflow id and the event type, say): publishing it
   * again finds the same deliveries and their workflows already started, so nothing is sent twice.
   * Returns how many subscribers get it.
   */
  async publish(
    propertyId: string,
    type: WebhookEventType,
    eventId: string,
    data: Record<string, unknown>,
    createdAt: Date = new Date(),
  ): Promise<number> {
    const envelope: WebhookEnvelope = {
      id: eventId,
      type,
      createdAt: createdAt.toISOString(),
      propertyId,
      data,
    };
    const ids = await this.repo.createDeliveries(envelope);
    await Promise.all(ids.map((id) => this.start(`webhook-${id}`, { deliveryId: id, manual: false })));
    return ids.length;
  }

  /** Sends a delivery again (by hand), with the same body and a fresh signature. Returns its workflow id. */
  async redeliver(deliveryId: string): Promise<string> {
    await this.repo.markPending(deliveryId);
    const workflowId = `webhook-${deliveryId}-manual-${randomUUID()}`;
    await this.start(workflowId, { deliveryId, manual: true });
    return workflowId;
  }

  /**
   * Starts the workflows of deliveries whose start was lost: stored, never attempted, and older
   * than `olderThanSecs` (Temporal was unreachable when they were published by the api, which
   * stores a text or an email first and announces it after). Safe to run anywhere, any time: a
   * delivery whose workflow exists is not started again. Returns how many were started now.
   */
  async resumeStranded(olderThanSecs: number): Promise<number> {
    const ids = await this.repo.stranded(olderThanSecs, this.settings.giveUpAfterSecs);
    let started = 0;
    for (const id of ids) if (await this.start(`webhook-${id}`, { deliveryId: id, manual: false })) started++;
    return started;
  }

  /** False when the workflow was started before (by an earlier publish, or a sweep). */
  private async start(workflowId: string, input: Omit<DeliverWebhookInput, 'retry'>): Promise<boolean> {
    try {
      await this.client.workflow.start(DELIVER_WEBHOOK_WORKFLOW, {
        workflowId,
        taskQueue: this.taskQueue,
        args: [{ ...input, retry: retryPolicyOf(this.settings) } satisfies DeliverWebhookInput],
        // Once per delivery, ever: a finished delivery is not started again by a repeated publish.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return true;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      return false;
    }
  }
}
