import type { Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { msNumberToTs, tsToMs } from '@temporalio/common/lib/time';

const DAY_SECS = 86_400;

/**
 * How long Temporal keeps a namespace's finished workflows (their histories: a call's holds the
 * caller's number in its input and its CallerNumber search attribute). Retention runs set it from
 * the accounts' callerData periods (docs/privacy.md).
 */
export class NamespaceHistoryRetention {
  constructor(
    private readonly connection: Connection | NativeConnection,
    private readonly namespace: string,
  ) {}

  /** The namespace's retention now, in whole days (rounded up). */
  async days(): Promise<number> {
    const ns = await this.connection.workflowService.describeNamespace({ namespace: this.namespace });
    return Math.ceil(tsToMs(ns.config?.workflowExecutionRetentionTtl) / (DAY_SECS * 1000));
  }

  /** Sets it to `days` (the server's own minimum, a day by default, still holds); unchanged: no call. */
  async setDays(days: number): Promise<void> {
    if ((await this.days()) === days) return;
    await this.connection.workflowService.updateNamespace({
      namespace: this.namespace,
      config: { workflowExecutionRetentionTtl: msNumberToTs(days * DAY_SECS * 1000) },
    });
  }
}
