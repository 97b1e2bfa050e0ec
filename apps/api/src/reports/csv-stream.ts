import { once } from 'node:events';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';

/** Rows fetched from the cursor per round trip: large enough to amortise it, small in memory. */
const BATCH = 2000;

/** A row's value as text: instants in ISO 8601 (UTC), JSON for structures, the rest as written. */
function text(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = text(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One RFC 4180 line. */
export function csvLine(values: readonly unknown[]): string {
  return values.map(cell).join(',') + '\r\n';
}

/**
 * Streams a query's rows as CSV through a server-side cursor (DECLARE … FETCH in batches inside one
 * read-only transaction), writing each batch before fetching the next and waiting for the socket to
 * drain: memory stays at one batch however many rows match. A client that goes away stops the fetch.
 */
export async function streamCsv(
  ds: DataSource,
  res: Response,
  q: { sql: string; params: unknown[] },
  columns: readonly string[],
  filename: string,
): Promise<void> {
  const qr = ds.createQueryRunner();
  let gone = false;
  res.on('close', () => (gone = true));
  await qr.connect();
  try {
    await qr.query('BEGIN READ ONLY');
    await qr.query(`DECLARE report_csv NO SCROLL CURSOR FOR ${q.sql}`, q.params);
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${filename}"`);
    res.write(csvLine(columns));
    while (!gone) {
      const rows: Record<string, unknown>[] = await qr.query(`FETCH ${BATCH} FROM report_csv`);
      if (rows.length === 0) break;
      const ok = res.write(rows.map((r) => csvLine(columns.map((c) => r[c]))).join(''));
      if (!ok && !gone) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    await qr.query('COMMIT');
    res.end();
  } catch (err) {
    await qr.query('ROLLBACK').catch(() => undefined);
    // Before the first byte the error filter answers as usual; after it, cutting the stream is the
    // only honest signal (a truncated CSV must not look complete).
    if (!res.headersSent) throw err;
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  } finally {
    await qr.release();
  }
}
