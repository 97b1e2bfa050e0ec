import { once } from 'node:events';
import type { Response } from 'express';
import type { RowConsumer } from '@switchboard/persistence';

/** A row's value as text: instants in ISO 8601 (UTC), JSON for structures, the rest as written. */
function text(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
}

/** What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number, signed or not (E.164 phone numbers among them): a spreadsheet reads it as a number. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Text a website visitor chose (campaign, keyword, UTM, landing page, referrer) lands in these
 * cells: one starting like a formula is prefixed with a single quote, so a spreadsheet shows it as
 * text instead of running it. Plain numbers keep their sign: `+13125550100` stays readable and is
 * no formula (a spreadsheet can only take it as the number it is).
 */
export function neutraliseFormula(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? neutraliseFormula(v) : text(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One RFC 4180 line: the one CSV writer of the project (every export goes through it). */
export function csvLine(values: readonly unknown[]): string {
  return values.map(cell).join(',') + '\r\n';
}

/**
 * Streams rows as CSV: the header, then each batch `read` passes on (rows it reads through a
 * cursor), each written before the next is fetched, waiting for the socket to drain: memory stays
 * at one batch however many rows match. A client that goes away stops the fetch.
 */
export async function streamCsv(
  res: Response,
  read: (consume: RowConsumer) => Promise<void>,
  columns: readonly string[],
  filename: string,
): Promise<void> {
  let gone = false;
  res.on('close', () => (gone = true));
  try {
    await read(async (next) => {
      res.status(200);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${filename}"`);
      res.write(csvLine(columns));
      while (!gone) {
        const rows = await next();
        if (rows.length === 0) break;
        const ok = res.write(rows.map((r) => csvLine(columns.map((c) => r[c]))).join(''));
        if (!ok && !gone) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
    });
    res.end();
  } catch (err) {
    // Before the first byte the error filter answers as usual; after it, cutting the stream is the
    // only honest signal (a truncated CSV must not look complete).
    if (!res.headersSent) throw err;
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}
