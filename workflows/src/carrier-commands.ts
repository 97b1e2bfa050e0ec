import { ActivityFailure, ApplicationFailure, condition, patched } from '@temporalio/workflow';
import { CarrierFailure } from '@switchboard/contracts';

/**
 * True when a carrier command failed because the call had already ended. Usually the failure comes
 * wrapped in an ActivityFailure; a local activity can also surface the ApplicationFailure itself.
 */
export function isCallGone(err: unknown): boolean {
  const failure = err instanceof ActivityFailure ? err.cause : err;
  return failure instanceof ApplicationFailure && failure.type === CarrierFailure.callGone;
}

/** Runs a carrier command on a call that may hang up at any moment; false when it already had. */
export async function command(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    if (isCallGone(err)) return false;
    throw err;
  }
}

/** Marks where calls stopped hanging up the bridged partner of a leg that ended. */
const BRIDGE_ENDS_TOGETHER_PATCH = 'bridge-ends-together';

/**
 * Once one leg of a bridge ends, the carrier hangs up the other itself (Telnyx's default without
 * `park_after_unbridge`); its webhook is usually a moment behind. Waits for it (`bothEnded`), up to
 * `marginMs` should it be lost, so the hangups that follow are sent only to legs still up: a
 * hangup of a leg already gone is a 422 90018 for nothing. Calls that ended before this change
 * replay without the wait.
 */
export async function awaitBridgeEnd(bothEnded: () => boolean, marginMs: number): Promise<void> {
  if (patched(BRIDGE_ENDS_TOGETHER_PATCH)) await condition(bothEnded, marginMs);
}
