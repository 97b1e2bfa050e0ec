import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { CallRecordRepository, CarrierEventRepository } from '@switchboard/persistence';
import type { AccessScope } from '../auth/access-scope';
import { PlatformAdmin, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.pipe';
import { CallLogQuery } from '../reports/dto';
import { ReportsService } from '../reports/reports.service';
import { ListCallsQuery } from './dto';
import { ReachableCalls } from './reachable-calls';

/**
 * The call log: finished calls, filtered and sorted like the reports (newest first unless asked),
 * paged or streamed as CSV; and one call with its carrier events.
 */
@Controller({ path: 'calls', version: '1' })
export class CallsController {
  private readonly events: CarrierEventRepository;

  constructor(
    ds: DataSource,
    private readonly reachable: ReachableCalls,
    private readonly reports: ReportsService,
  ) {
    this.events = new CarrierEventRepository(ds);
  }

  @Get()
  list(
    @Scope() scope: AccessScope,
    @Query() q: CallLogQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return this.reports.callLog(scope, q, req, res);
  }

  /** A call of a property out of the key's reach is "not found", like one that does not exist. */
  @Get(':callId')
  async get(@Param('callId', new UuidParam('callId')) id: string) {
    const call = await this.reachable.find(id);
    const events = await this.events.forWorkflow(call.workflowId);
    return {
      ...call,
      events: events.map((e) => ({
        id: e.id,
        type: e.eventType,
        occurredAt: e.occurredAt,
        callControlId: e.callControlId,
      })),
    };
  }
}

/** The platform operator's call log: every call, also those to numbers no property owns. */
@PlatformAdmin()
@Controller({ path: 'platform/calls', version: '1' })
export class PlatformCallsController {
  private readonly calls: CallRecordRepository;

  constructor(ds: DataSource) {
    this.calls = new CallRecordRepository(ds);
  }

  @Get()
  async list(@Query() q: ListCallsQuery) {
    const { items, total } = await this.calls.list({
      ...q,
      propertyIds: q.propertyId ? [q.propertyId] : null,
    });
    return { items, total, limit: q.limit, offset: q.offset };
  }
}
