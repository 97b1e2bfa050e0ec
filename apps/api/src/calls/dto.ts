import { IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page-query';
import { OptionalNotNull } from '../resources/dto-fields';

/** `GET /v1/calls` (and the platform's call log) query. */
export class ListCallsQuery extends PageQuery {
  @OptionalNotNull()
  @IsUUID()
  propertyId?: string;

  /** Only calls of the properties in this property list. */
  @OptionalNotNull()
  @IsUUID()
  propertyListId?: string;

  /** The carrier's call_session_id: finds the record of one specific call. */
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  callSessionId?: string;
}
