import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { CallEntity } from '@switchboard/persistence';
import type { AccessScope } from '../auth/access-scope';
import { PropertyAccess } from '../auth/property-access';
import { ApiError } from '../common/api-error';
import { RecordingLinks } from '../recordings/recording-links';
import { callLogCountQuery, callLogQuery, type CallLogRequest, type LogColumn } from './call-log.query';
import type { CallFilter } from './call-filter.sql';
import { streamCsv } from './csv-stream';
import { rangeProblems, type CallFilterQuery, type CallLogQuery, type CallSummaryQuery } from './dto';
import type { CallPage } from '../calls/calls.view';
import type { CallSummaryView } from './reports.view';
import { SUMMARY_COLUMNS, summaryQuery } from './summary.query';

/** CSV when asked by `format=csv`, or by `Accept: text/csv` unless `format=json` says otherwise. */
export function wantsCsv(format: string | undefined, req: Request): boolean {
  return format === 'csv' || (format === undefined && /\btext\/csv\b/.test(req.headers.accept ?? ''));
}

/** Reports and the call log over the calls the request's key may see. */
@Injectable()
export class ReportsService {
  /** Every call column but the path (a list of steps: the call detail has it), named as the API names them. */
  private readonly logColumns: LogColumn[];

  constructor(
    private readonly ds: DataSource,
    private readonly access: PropertyAccess,
    links: RecordingLinks,
  ) {
    // The carrier's recording link plays for anyone: lists carry the key-guarded link to our copy.
    const recordingLink = { sql: (param: (v: unknown) => string) => links.apiLinkSql(param) };
    this.logColumns = ds.getMetadata(CallEntity).columns.map((c) => ({
      column: c.databaseName,
      name: c.propertyName,
      ...(c.databaseName === 'recording_url' ? recordingLink : {}),
    }));
  }

  private async filter(scope: AccessScope, q: CallFilterQuery, rangeRequired: boolean): Promise<CallFilter> {
    const problems = rangeProblems(q, rangeRequired);
    if (problems.length > 0) throw ApiError.invalid(problems);
    const propertyIds = await this.access.visibleIds(scope, q);
    return { ...q, propertyIds };
  }

  async summary(scope: AccessScope, q: CallSummaryQuery, req: Request, res: Response): Promise<void> {
    const f = { ...(await this.filter(scope, q, true)), from: q.from!, to: q.to!, groupBy: q.groupBy };
    if (wantsCsv(q.format, req))
      return streamCsv(
        this.ds,
        res,
        summaryQuery(f),
        SUMMARY_COLUMNS,
        `calls-by-${q.groupBy ?? 'total'}.csv`,
      );
    const { sql, params } = summaryQuery(f, true);
    const all: Record<string, unknown>[] = await this.ds.query(sql, params);
    const rows = all.filter((r) => !r.total).map(({ total: _t, ...row }) => row);
    const { key: _k, label: _l, total: _t, ...totals } = all.find((r) => r.total)!;
    res.json({
      from: q.from,
      to: q.to,
      groupBy: q.groupBy ?? null,
      rows,
      totals,
    } satisfies Record<keyof CallSummaryView, unknown>);
  }

  async callLog(scope: AccessScope, q: CallLogQuery, req: Request, res: Response): Promise<void> {
    const f: CallLogRequest = {
      ...(await this.filter(scope, q, false)),
      sort: q.sort,
      direction: q.direction,
    };
    const columns = this.logColumns.filter((c) => c.name !== 'path');
    if (wantsCsv(q.format, req))
      return streamCsv(
        this.ds,
        res,
        callLogQuery(f, columns),
        columns.map((c) => c.name),
        'calls.csv',
      );
    const page = { limit: q.limit, offset: q.offset };
    const items = callLogQuery({ ...f, page }, this.logColumns);
    const count = callLogCountQuery(f);
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query<unknown[]>(items.sql, items.params),
      this.ds.query<{ total: number }[]>(count.sql, count.params),
    ]);
    res.json({ items: rows, total, limit: q.limit, offset: q.offset } satisfies Record<
      keyof CallPage,
      unknown
    >);
  }
}
