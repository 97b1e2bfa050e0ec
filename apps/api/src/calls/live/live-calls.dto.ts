import { IsOptional, IsUUID } from 'class-validator';

/** `GET /v1/calls/live`: every property the key reaches, or one property, or a property list's. */
export class LiveCallsQuery {
  @IsOptional()
  @IsUUID()
  propertyId?: string;

  /** Only calls of the properties in this property list. */
  @IsOptional()
  @IsUUID()
  propertyListId?: string;
}
