import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { RescoreCallsInput } from '@switchboard/contracts';
import type { Activities } from '@switchboard/activities';

const { rescoreBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/** Batches per run before continuing as new, which keeps each run's history small. */
const BATCHES_PER_RUN = 200;

/**
 * Brings a property's rule-scored calls to its rules' new version: one pass in id order, then
 * sweeps from the start until none is stale (catching calls saved behind the cursor meanwhile).
 * Ends early when the rules change again: the newer version's rescore takes over.
 */
export async function rescoreCalls(
  input: RescoreCallsInput,
): Promise<{ scored: number; superseded: boolean }> {
  let after = input.afterId ?? null;
  let scored = input.scored ?? 0;
  for (let i = 0; i < BATCHES_PER_RUN; i++) {
    const batch = await rescoreBatch(input.propertyId, input.version, after);
    if (batch.superseded) return { scored, superseded: true };
    scored += batch.scored;
    // An empty batch from the start: nothing is stale any more.
    if (batch.scored === 0 && after === null) return { scored, superseded: false };
    after = batch.lastId;
  }
  return continueAsNew<typeof rescoreCalls>({ ...input, afterId: after, scored });
}
