import { evaluateSchedule, type Schedule } from '@switchboard/domain';

/**
 * Runs the pure domain's schedule evaluation inside Temporal's workflow sandbox, where time zone
 * handling rests on the sandbox's Intl alone. Test-only: bundled by its test, not by the worker.
 */
export async function domainProbe(schedule: Schedule, instants: string[]): Promise<unknown[]> {
  return instants.map((at) => {
    const v = evaluateSchedule(schedule, at, 'America/Chicago');
    return { at, open: v.open, reason: v.reason, hour: v.local.hour, offset: v.local.offsetMinutes };
  });
}
