import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AccessScope } from '../auth/access-scope';
import { Scope } from '../auth/auth.decorators';
import { CallSummaryQuery } from './dto';
import { csvOrJson } from '../openapi/responses';
import { ReportsService } from './reports.service';
import { CallSummaryView } from './reports.view';

/**
 * Call aggregates over a date range of local days (each property's own time zone), grouped and
 * filtered; `format=csv` (or `Accept: text/csv`) streams the rows. Scoped by the key's properties,
 * narrowed by `propertyId` / `propertyListId` (out of reach: 404).
 */
@Controller({ path: 'reports', version: '1' })
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  // Answers through `res` (JSON or streamed CSV), so the plugin cannot read a return type.
  @Get('calls/summary')
  @ApiExtraModels(CallSummaryView)
  @ApiOkResponse(csvOrJson(CallSummaryView))
  summary(
    @Scope() scope: AccessScope,
    @Query() q: CallSummaryQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.reports.summary(scope, q, req, res);
  }
}
