import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { StoreRecordingInput } from '@switchboard/contracts';
import type { Activities } from '@switchboard/activities';

/**
 * Copies one carrier recording into our blob store. The carrier's links expire in 10 minutes, so
 * the first attempts are quick; after that the activity asks the carrier for fresh links, and keeps
 * trying (doubling waits up to 5 minutes) for about two hours of carrier or storage trouble before
 * the recording is marked failed with the reason.
 */
export async function storeRecording(input: StoreRecordingInput): Promise<'stored' | 'failed'> {
  const { storeRecording: copy } = proxyActivities<Activities>({
    startToCloseTimeout: '2m',
    scheduleToCloseTimeout: '2h',
    retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
  });
  const { markRecordingFailed } = proxyActivities<Activities>({
    startToCloseTimeout: '10s',
    retry: { initialInterval: '1s', maximumInterval: '1m' },
  });
  try {
    await copy(input.recordingId);
    return 'stored';
  } catch (err) {
    const cause = err instanceof ActivityFailure ? err.cause : err;
    const reason = cause instanceof Error ? cause.message : String(cause);
    await markRecordingFailed(input.recordingId, reason);
    return 'failed';
  }
}
