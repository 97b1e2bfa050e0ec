import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  CallReportRepository,
  SUMMARY_COLUMNS,
  type CallFilter,
  type CallLogRequest,
} from '@switchboard/persistence';
import type { AccessScope } from '../auth/access-scope';
import { PropertyAccess } from '../auth/property-access';
import { ApiError } from '../common/api-error';
import { RecordingLinks } from '../recordings/recording-links';
import { streamCsv } from './csv-stream';
import { rangeProblems, type CallFilterQuery, type CallLogQuery, type CallSummaryQuery } from './dto';
import type { CallPage } from '../calls/calls.view';
import type { CallSummaryView } from './reports.view';

/** CSV when asked by `format=csv`, or by `Accept: text/csv` unless `format=json` says otherwise. */
export function wantsCsv(format: string | undefined, req: Request): boolean {
  return format === 'csv' || (format === undefined && /\btext\/csv\b/.test(req.headers.accept ?? ''));
}

/** Reports and the call log over the calls the request's key may see. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: CallReportRepository,
    private readonly access: PropertyAccess,
    private readonly links: RecordingLinks,
  ) {}

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
        res,
        (consume) => this.reports.readSummary(f, consume),
        SUMMARY_COLUMNS,
        `calls-by-${q.groupBy ?? 'total'}.csv`,
      );
    const { rows, totals } = await this.reports.summary(f);
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
    // The carrier's recording link plays for anyone: lists carry the key-guarded link to our copy.
    const recordingLink = this.links.apiLinkAroundId();
    const fields = this.reports.callLogFields();
    if (wantsCsv(q.format, req)) {
      // Every field but the path (a list of steps: the call detail has it).
      const columns = fields.filter((name) => name !== 'path');
      return streamCsv(
        res,
        (consume) => this.reports.readCallLog(f, { fields: columns, recordingLink }, consume),
        columns,
        'calls.csv',
      );
    }
    const page = { limit: q.limit, offset: q.offset };
    const { items, total } = await this.reports.callLogPage(f, page, { fields, recordingLink });
    res.json({ items, total, limit: q.limit, offset: q.offset } satisfies Record<keyof CallPage, unknown>);
  }
}
