import type { DataSource } from 'typeorm';

/** Rows fetched from the cursor per round trip: large enough to amortise it, small in memory. */
const BATCH = 2000;

/** The next batch of a cursor's rows; empty once every row was read. */
export type NextRows = () => Promise<Record<string, unknown>[]>;

/** Takes a cursor's rows, batch after batch, as fast as it can pass them on. */
export type RowConsumer = (next: NextRows) => Promise<void>;

/**
 * Reads a statement's rows through a server-side cursor (DECLARE … FETCH in batches inside one
 * read-only transaction): `consume` is called once the cursor is declared and fetches each batch
 * when it is ready for it, so memory stays at one batch however many rows match. The transaction
 * commits when `consume` returns (it may stop early) and rolls back when anything throws.
 */
export async function readThroughCursor(
  ds: DataSource,
  q: { sql: string; params: unknown[] },
  consume: RowConsumer,
): Promise<void> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query('BEGIN READ ONLY');
    await qr.query(`DECLARE report_csv NO SCROLL CURSOR FOR ${q.sql}`, q.params);
    await consume(
      async () => (await qr.query(`FETCH ${BATCH} FROM report_csv`)) as Record<string, unknown>[],
    );
    await qr.query('COMMIT');
  } catch (err) {
    await qr.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await qr.release();
  }
}
