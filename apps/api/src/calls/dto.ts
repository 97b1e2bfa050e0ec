import { IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page-query';

/** Whose calls: one property's, or a property list's; without either, every property the key reaches. */
export class CallPropertiesQuery {
  @IsOptional()
  @IsUUID()
  propertyId?: string;

  /** Only calls of the properties in this property list. */
  @IsOptional()
  @IsUUID()
  propertyListId?: string;
}

/** One specific call's record. */
export class CallSessionQuery {
  /** The carrier's call_session_id: finds the record of one specific call. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  callSessionId?: string;
}

/**
 * `GET /v1/platform/calls` (the platform's call log) query. Composed, not inherited, so each field
 * has one definition; the order of the parts is the order of the documented parameters.
 */
export class ListCallsQuery extends IntersectionType(CallPropertiesQuery, CallSessionQuery, PageQuery) {}
