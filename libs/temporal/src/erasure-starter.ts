import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { ERASE_SUBJECT_WORKFLOW, erasureWorkflowId, type EraseSubjectInput } from '@switchboard/contracts';
import type { PrivacyRequestRepository } from '@switchboard/persistence';

/**
 * Starts the `eraseSubject` workflow of an erasure request, like ConversionDeliveryStarter does for
 * deliveries: the api writes the request first, starts the workflow after; a start lost in between
 * (Temporal down, the api killed) is made by `resumeStranded`, which the worker sweeps every minute.
 */
export class ErasureStarter {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly repo: Pick<PrivacyRequestRepository, 'strandedErasures'>,
  ) {}

  /** Starts the request's workflow; false when it was started already. */
  async start(requestId: string): Promise<boolean> {
    try {
      await this.client.workflow.start(ERASE_SUBJECT_WORKFLOW, {
        workflowId: erasureWorkflowId(requestId),
        taskQueue: this.taskQueue,
        args: [{ requestId } satisfies EraseSubjectInput],
        // Once per request, ever: a request that ended is not erased again by a late sweep.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return true;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      return false;
    }
  }

  /** Starts the erasures still pending over `olderThanSecs` after they were asked for. */
  async resumeStranded(olderThanSecs: number): Promise<number> {
    let started = 0;
    for (const id of await this.repo.strandedErasures(olderThanSecs)) if (await this.start(id)) started++;
    return started;
  }
}
