import type { DataSource } from 'typeorm';
import type { CallRecordInput } from '@switchboard/contracts';
import { saveFinishedCall } from '@switchboard/activities';
import { callRecordStores } from '../../apps/worker/src/call-worker';

/**
 * Saves finished calls' records as the worker's saveCallRecord activity does: with their rollup,
 * voicemail message and score, in one transaction each.
 */
export function callRecordSaver(ds: DataSource): (r: CallRecordInput) => Promise<void> {
  const stores = callRecordStores(ds);
  return async (r) => {
    await saveFinishedCall(stores, r);
  };
}
