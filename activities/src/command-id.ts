import { activityInfo } from '@temporalio/activity';

/**
 * Telnyx command_id for the running activity: the workflow id plus the activity's id within it.
 * Both are stable across activity retries and worker restarts, so a retried command is the *same*
 * command to Telnyx, which ignores the repeat.
 */
export function currentCommandId(): string {
  const info = activityInfo();
  // Standalone activities (no workflow) would still get a stable id from their own activity id.
  return `${info.workflowExecution?.workflowId ?? 'activity'}/${info.activityId}`;
}
