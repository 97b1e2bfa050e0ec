import type { DataSource } from 'typeorm';
import { addCallToRollup, holdPropertyRollup, recountRollupDayOf } from '../reports/call-rollup';
import { managerOf, type Tx } from '../transaction';

/**
 * The daily and hourly cells of call figures that reports read instead of the calls
 * (reports/call-rollup.ts holds their SQL). Each write must share the transaction of the call
 * change it follows, or the rollup and the calls disagree.
 */
export class CallRollupRepository {
  constructor(private readonly ds: DataSource) {}

  /** Holds the property's rollup against a rebuild (a time zone change) until `tx` ends. */
  async holdProperty(propertyId: string, tx: Tx): Promise<void> {
    await holdPropertyRollup(managerOf(this.ds, tx), propertyId);
  }

  /** Adds a newly stored call to its cells. */
  async addCall(callId: string, tx: Tx): Promise<void> {
    await addCallToRollup(managerOf(this.ds, tx), callId);
  }

  /** Counts the local day of a stored call again from its calls. */
  async recountDayOf(callId: string, tx: Tx): Promise<void> {
    await recountRollupDayOf(managerOf(this.ds, tx), callId);
  }
}
