import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  INBOUND_CALL_V1_WORKFLOW,
  INBOUND_CALL_WORKFLOW,
  carrierEventSignal,
  type CarrierEvent,
  type EventRoute,
  type InboundCallInput,
} from '@switchboard/contracts';
import type { SwitchboardConfig } from '@switchboard/config';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';

export type DeliveryResult = 'signalled' | 'started' | 'late';

/** Hands a carrier event to its call workflow, starting the workflow on the caller's first event. */
@Injectable()
export class CallEventDelivery {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
  ) {}

  async deliver(route: EventRoute, event: CarrierEvent): Promise<DeliveryResult> {
    try {
      if (!route.mayStart) {
        await this.client.workflow.getHandle(route.workflowId).signal(carrierEventSignal, event);
        return 'signalled';
      }
      const input: InboundCallInput = { callSessionId: event.callSessionId ?? route.workflowId };
      const type = this.cfg.temporal.callEngine === 'v1' ? INBOUND_CALL_V1_WORKFLOW : INBOUND_CALL_WORKFLOW;
      const handle = await this.client.workflow.signalWithStart(type, {
        workflowId: route.workflowId,
        taskQueue: this.cfg.temporal.taskQueue,
        args: [input],
        signal: carrierEventSignal,
        signalArgs: [event],
        // A late event for a finished call must not start a second call workflow.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: event.from && event.to ? `${event.from} → ${event.to}` : undefined,
      });
      return handle.signaledRunId ? 'started' : 'signalled';
    } catch (err) {
      // The call is already over: the event is stored, and nothing is left to tell.
      if (err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowNotFoundError)
        return 'late';
      throw err;
    }
  }
}
