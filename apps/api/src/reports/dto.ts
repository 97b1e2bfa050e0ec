import { IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, registerDecorator } from 'class-validator';
import { CallPropertiesQuery, CallSessionQuery } from '../calls/dto';
import type { FieldError } from '../common/api-error';
import { PageQuery } from '../common/page-query';
import { CALL_LOG_SORTS, GROUP_BYS, type CallLogSort, type GroupBy } from '@switchboard/persistence';

const OUTCOMES = ['answered', 'voicemail', 'abandoned', 'no_answer', 'rejected'] as const;

/** A calendar day `YYYY-MM-DD` that exists (2026-02-30 does not). */
function IsLocalDate(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a date YYYY-MM-DD' },
      validator: {
        validate: (v: unknown) =>
          typeof v === 'string' &&
          /^\d{4}-\d{2}-\d{2}$/.test(v) &&
          new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v,
      },
    });
}

/**
 * What calls the reports and the call log count, beyond whose (CallPropertiesQuery). `from`/`to`
 * are local days in each call's own property's time zone, `to` inclusive.
 */
export class CallConditionsQuery {
  /** First local day (the property's time zone), YYYY-MM-DD. */
  @IsOptional()
  @IsLocalDate()
  from?: string;

  /** Last local day, inclusive, YYYY-MM-DD. */
  @IsOptional()
  @IsLocalDate()
  to?: string;

  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @IsOptional()
  @IsUUID()
  trackingNumberId?: string;

  @IsOptional()
  @IsIn(OUTCOMES)
  outcome?: (typeof OUTCOMES)[number];

  /** `true`: callers with no earlier call (prior_calls = 0); `false`: repeat callers. */
  @IsOptional()
  @IsIn(['true', 'false'])
  firstTime?: 'true' | 'false';

  @IsOptional()
  @IsString()
  @MaxLength(500)
  campaign?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  keyword?: string;

  /**
   * The agent who answered: an agent id (the record's `agentId`; in the call log, also the agent who
   * placed an outbound call), or for a call answered at a number that is no agent's, that number
   * (`answeredBy`).
   */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  answeredBy?: string;

  /** `csv` streams the whole result as CSV (also chosen by `Accept: text/csv`). */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/**
 * Filters shared by the reports and the call log. Composed, not inherited, so each field has one
 * definition; the order of the parts is the order of the documented parameters.
 */
export class CallFilterQuery extends IntersectionType(CallPropertiesQuery, CallConditionsQuery) {}

/** `GET /v1/reports/calls/summary` (`from` and `to` required). */
export class CallSummaryQuery extends CallFilterQuery {
  /** One row per group; without it one row of totals. */
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy?: GroupBy;
}

/** How the call log lists calls: which direction, in what order. */
export class CallLogOrderQuery {
  /**
   * `inbound` (callers) or `outbound` (agents' click-to-calls); both unless given. Reports count
   * inbound calls only.
   */
  @IsOptional()
  @IsIn(['inbound', 'outbound'])
  direction?: 'inbound' | 'outbound';

  /** A field, `-` first for descending; `-startedAt` unless asked. With `format=csv` paging is ignored. */
  @IsOptional()
  @IsIn(CALL_LOG_SORTS)
  sort?: CallLogSort;
}

/** Searching the call log by what was said. */
export class CallSearchQuery {
  /**
   * Calls whose transcript matches this full-text search (English stemming; web search syntax:
   * `tour`, `"schedule a tour"`, `tour -cancel`, `tour or viewing`).
   */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  q?: string;
}

/** `GET /v1/calls`: paging, the carrier's session id, a direction and sort, the report filters, then search. */
export class CallLogQuery extends IntersectionType(
  PageQuery,
  CallSessionQuery,
  CallLogOrderQuery,
  CallFilterQuery,
  CallSearchQuery,
) {}

/** What one field's validator cannot see: a range needs both ends (reports always), in order. */
export function rangeProblems(q: { from?: string; to?: string }, required: boolean): FieldError[] {
  const missing = (['from', 'to'] as const).filter((f) => q[f] === undefined);
  if (missing.length > 0 && (required || missing.length === 1))
    return missing.map((field) => ({
      field,
      message: `${field} is required (YYYY-MM-DD) with a date range`,
    }));
  if (q.from && q.to && q.from > q.to) return [{ field: 'to', message: 'to must not be before from' }];
  return [];
}
