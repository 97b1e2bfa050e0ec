import { Controller, Get, Param, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { CallRecordRepository, CarrierEventRepository } from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { UuidParam } from '../common/uuid-param.pipe';

export class ListCallsQuery {
  @IsOptional()
  @IsUUID()
  propertyId?: string;

  /** The carrier's call_session_id: finds the record of one specific call. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  callSessionId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}

/** The call log: finished calls, newest first, and one call with its carrier events. */
@Controller({ path: 'calls', version: '1' })
export class CallsController {
  private readonly calls: CallRecordRepository;
  private readonly events: CarrierEventRepository;

  constructor(ds: DataSource) {
    this.calls = new CallRecordRepository(ds);
    this.events = new CarrierEventRepository(ds);
  }

  @Get()
  async list(@Query() q: ListCallsQuery) {
    const { items, total } = await this.calls.list(q);
    return { items, total, limit: q.limit, offset: q.offset };
  }

  @Get(':callId')
  async get(@Param('callId', new UuidParam('callId')) id: string) {
    const call = await this.calls.findById(id);
    if (!call) throw ApiError.notFound('call', id);
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
