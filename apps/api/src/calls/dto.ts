import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page-query';

/** `GET /v1/calls` (and the platform's call log) query. */
export class ListCallsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  propertyId?: string;

  /** Only calls of the properties in this property list. */
  @IsOptional()
  @IsUUID()
  propertyListId?: string;

  /** The carrier's call_session_id: finds the record of one specific call. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  callSessionId?: string;
}
