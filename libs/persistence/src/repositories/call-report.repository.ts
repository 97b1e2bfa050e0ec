import type { DataSource } from 'typeorm';
import { CallEntity } from '../entities';
import {
  callLogCountQuery,
  callLogQuery,
  recordingLinkSql,
  type CallLogRequest,
  type LinkAroundId,
  type LogColumn,
} from '../reports/call-log.query';
import { readThroughCursor, type RowConsumer } from '../reports/row-cursor';
import { summaryQuery, type SummaryRequest } from '../reports/summary.query';

/** What a call log lists of each call. */
export interface CallLogColumns {
  /** The call's fields, by the names the API gives them (callLogFields). */
  fields: readonly string[];
  /**
   * The link to a call's recording that lists carry instead of the carrier's (which plays for
   * anyone): the key-guarded link to our copy.
   */
  recordingLink: LinkAroundId;
}

type Row = Record<string, unknown>;

/**
 * The call summary and the call log over the calls a request may see: the statements of
 * ../reports (which calls each counts, and how), one round trip each, or read through a cursor
 * for CSV.
 */
export class CallReportRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every field of a call, named as the API names it (CallEntity's properties), in table order. */
  callLogFields(): string[] {
    return this.ds.getMetadata(CallEntity).columns.map((c) => c.propertyName);
  }

  /** The summary's rows, one per group, and its totals (every group summed). */
  async summary(r: SummaryRequest): Promise<{ rows: Row[]; totals: Row }> {
    const { sql, params } = summaryQuery(r, true);
    const all = await this.ds.query<Row[]>(sql, params);
    const rows = all.filter((x) => !x.total).map(({ total: _t, ...row }) => row);
    const { key: _k, label: _l, total: _t, ...totals } = all.find((x) => x.total)!;
    return { rows, totals };
  }

  /** The summary's rows (SUMMARY_COLUMNS), no totals, through a cursor. */
  readSummary(r: SummaryRequest, consume: RowConsumer): Promise<void> {
    return readThroughCursor(this.ds, summaryQuery(r), consume);
  }

  /** A page of the call log, and how many calls match over every page. */
  async callLogPage(
    r: CallLogRequest,
    page: { limit: number; offset: number },
    columns: CallLogColumns,
  ): Promise<{ items: Row[]; total: number }> {
    const items = callLogQuery({ ...r, page }, this.logColumns(columns));
    const count = callLogCountQuery(r);
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query<Row[]>(items.sql, items.params),
      this.ds.query<{ total: number }[]>(count.sql, count.params),
    ]);
    return { items: rows, total };
  }

  /** Every call of the call log (no page), through a cursor. */
  readCallLog(r: CallLogRequest, columns: CallLogColumns, consume: RowConsumer): Promise<void> {
    return readThroughCursor(this.ds, callLogQuery(r, this.logColumns(columns)), consume);
  }

  private logColumns({ fields, recordingLink }: CallLogColumns): LogColumn[] {
    const link = { sql: (param: (v: unknown) => string) => recordingLinkSql(recordingLink, param) };
    return this.ds
      .getMetadata(CallEntity)
      .columns.filter((c) => fields.includes(c.propertyName))
      .map((c) => ({
        column: c.databaseName,
        name: c.propertyName,
        ...(c.databaseName === 'recording_url' ? link : {}),
      }));
  }
}
