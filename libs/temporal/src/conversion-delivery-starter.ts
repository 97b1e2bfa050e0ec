import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  DELIVER_CONVERSION_WORKFLOW,
  conversionDeliveryWorkflowId,
  type DeliverConversionInput,
} from '@switchboard/contracts';
import type { ConversionDeliverySettings } from '@switchboard/config';
import type { ConversionRepository } from '@switchboard/persistence';
import { retryPolicyOf } from './webhook-publisher';

/**
 * Starts the `deliverConversion` workflow of each stored delivery, like WebhookPublisher does for
 * webhook deliveries: the rows are written first (in the transaction that produced the
 * conversion), the workflows started after; a start lost in between is made by `resumeStranded`,
 * which the worker sweeps every minute. The worker (call saves, rescoring) and the api (a person's
 * lead status change, forms) share this class.
 */
export class ConversionDeliveryStarter {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly repo: Pick<ConversionRepository, 'stranded'>,
    private readonly settings: ConversionDeliverySettings,
  ) {}

  /** Starts the deliveries' workflows; those already started are left alone. Returns how many started now. */
  async start(deliveryIds: readonly string[]): Promise<number> {
    const started = await Promise.all(deliveryIds.map((id) => this.startOne(id)));
    return started.filter(Boolean).length;
  }

  /** Starts deliveries stored over `olderThanSecs` ago and never attempted, whose start was lost. */
  async resumeStranded(olderThanSecs: number): Promise<number> {
    const ids = await this.repo.stranded(olderThanSecs, this.settings.giveUpAfterSecs);
    let started = 0;
    for (const id of ids) if (await this.startOne(id)) started++;
    return started;
  }

  private async startOne(deliveryId: string): Promise<boolean> {
    try {
      await this.client.workflow.start(DELIVER_CONVERSION_WORKFLOW, {
        workflowId: conversionDeliveryWorkflowId(deliveryId),
        taskQueue: this.taskQueue,
        args: [{ deliveryId, retry: retryPolicyOf(this.settings) } satisfies DeliverConversionInput],
        // Once per delivery, ever: a finished delivery is not started again by a repeated save.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return true;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      return false;
    }
  }
}
