import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
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
