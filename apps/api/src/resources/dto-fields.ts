import { IsString, Length, ValidateIf } from 'class-validator';
import { IsResourceId } from './resource-id';

/**
 * May be left out, but null is checked (and refused) like any other wrong value: IsOptional would
 * let null through to NOT NULL columns and the domain validators.
 */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_o, v) => v !== undefined);

/** `id` and `name`, which every resource body has. */
export class ResourceBodyDto {
  /** Default: a slug of the name. On PUT, the id in the path. */
  @OptionalNotNull()
  @IsResourceId()
  id?: string;

  @IsString()
  @Length(1, 200)
  name: string;
}

/**
 * A validated body as plain JSON, without its DTO classes or absent optional fields: what is
 * stored in jsonb and handed to libs/domain.
 */
export function plain<T>(dto: T): T {
  return JSON.parse(JSON.stringify(dto)) as T;
}
