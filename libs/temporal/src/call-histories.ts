import { isGrpcServiceError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { CallSearchAttributes } from '@switchboard/contracts';

/** gRPC's NOT_FOUND: the execution is not there. */
const GRPC_NOT_FOUND: number = 5;

/** A visibility query's string literal: the values are ours (E.164, uuids), quoted all the same. */
const literal = (v: string) => `"${v.replace(/["\\]/g, '')}"`;

/**
 * The Temporal executions of call workflows, for erasures: a call's input and its CallerNumber
 * search attribute hold the caller's number, so an erased person's finished calls are deleted
 * (history, input, memo, search attributes). Running ones are never deleted (that would end the
 * call): they are found and named, and the erasure waits for them.
 */
export class TemporalCallHistories {
  constructor(private readonly client: Client) {}

  async find(
    callerNumber: string,
    propertyIds: readonly string[],
  ): Promise<{ workflowId: string; running: boolean }[]> {
    if (propertyIds.length === 0) return [];
    const query =
      `${CallSearchAttributes.callerNumber.name} = ${literal(callerNumber)} AND ` +
      `${CallSearchAttributes.propertyId.name} IN (${propertyIds.map(literal).join(', ')})`;
    const found: { workflowId: string; running: boolean }[] = [];
    for await (const w of this.client.workflow.list({ query }))
      found.push({ workflowId: w.workflowId, running: w.status.name === 'RUNNING' });
    return found;
  }

  async deleteClosed(workflowIds: readonly string[]): Promise<{ deleted: number; running: string[] }> {
    let deleted = 0;
    const running: string[] = [];
    for (const workflowId of workflowIds) {
      try {
        const d = await this.client.workflow.getHandle(workflowId).describe();
        if (d.status.name === 'RUNNING') {
          running.push(workflowId);
          continue;
        }
        await this.client.workflowService.deleteWorkflowExecution({
          namespace: this.client.options.namespace,
          workflowExecution: { workflowId },
        });
        deleted++;
      } catch (err) {
        // Gone already (deleted by an earlier attempt, or past the namespace's retention).
        if (err instanceof WorkflowNotFoundError) continue;
        if (isGrpcServiceError(err) && (err.code as number) === GRPC_NOT_FOUND) continue;
        throw err;
      }
    }
    return { deleted, running };
  }
}
