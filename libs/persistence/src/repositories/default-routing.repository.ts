import type { DataSource } from 'typeorm';
import { managerOf, type Tx } from '../transaction';

/** A tracking number that giving it the property's default flow would change. */
export interface RoutedNumber {
  numberId: string;
  number: string;
  sourceId: string;
  previousCallFlowId: string | null;
}

/** A property's default call flow, and its tracking numbers' flows as the default gives them out. */
export class DefaultRoutingRepository {
  constructor(private readonly ds: DataSource) {}

  /** Sets (null: clears) the property's default flow. */
  async setDefault(propertyId: string, callFlowId: string | null, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(`UPDATE properties SET default_call_flow_id = $2 WHERE id = $1`, [
      propertyId,
      callFlowId,
    ]);
  }

  /**
   * The property's numbers not on `callFlowId` (only those without a flow, or only those of some
   * sources, when asked), by number and locked until the transaction ends.
   */
  async offFlow(
    propertyId: string,
    callFlowId: string,
    only: { unassigned?: boolean; sourceIds?: string[] },
    tx: Tx,
  ): Promise<RoutedNumber[]> {
    const params: unknown[] = [propertyId, callFlowId];
    let sql = `SELECT id AS "numberId", number, source_id AS "sourceId", call_flow_id AS "previousCallFlowId"
                 FROM tracking_numbers
                WHERE property_id = $1 AND call_flow_id IS DISTINCT FROM $2`;
    if (only.unassigned) sql += ` AND call_flow_id IS NULL`;
    if (only.sourceIds) {
      params.push(only.sourceIds);
      sql += ` AND source_id = ANY($3::uuid[])`;
    }
    return managerOf(this.ds, tx).query(`${sql} ORDER BY number FOR UPDATE`, params);
  }

  /** Routes the numbers to `callFlowId`. */
  async assign(numberIds: string[], callFlowId: string, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE tracking_numbers SET call_flow_id = $1 WHERE id = ANY($2::uuid[])`,
      [callFlowId, numberIds],
    );
  }
}
