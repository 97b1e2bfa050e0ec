import { HttpStatus, type PipeTransform } from '@nestjs/common';
import { Matches } from 'class-validator';
import { ApiError } from '../common/api-error';

/**
 * Property resources are keyed by a slug unique within the property: the id call-flow steps name
 * (`scheduleId`, `ringGroupId`, ...). Readable ids keep flows readable and let a flow travel with
 * its resources from one property to another. The database checks the same pattern.
 */
export const RESOURCE_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const RULE = 'must be lowercase letters, digits, "-" or "_", start with a letter or digit, at most 63 long';

export const IsResourceId = (): PropertyDecorator => Matches(RESOURCE_ID, { message: `$property ${RULE}` });

/** "Leasing Office (Main)" → "leasing-office-main"; "" when the name has no letter or digit to keep. */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/**
 * The id a write is for: the path's on PUT (a body id must then agree), else the body's, else a
 * slug of the name.
 */
export function chooseId(body: { id?: string; name: string }, pathId?: string): string {
  if (pathId !== undefined) {
    if (body.id !== undefined && body.id !== pathId)
      throw ApiError.invalid([
        { field: 'id', message: `must be the id in the path ("${pathId}") or left out` },
      ]);
    return pathId;
  }
  if (body.id !== undefined) return body.id;
  const slug = slugOf(body.name);
  if (!slug)
    throw ApiError.invalid([
      { field: 'id', message: 'is needed: the name has no letters or digits to make one from' },
    ]);
  return slug;
}

/** A resource id in the path; a malformed one is a 400 naming the parameter (as UuidParam does). */
export class ResourceIdParam implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!RESOURCE_ID.test(value)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'bad_request', `${this.name} ${RULE}`, [
        { field: this.name, message: RULE },
      ]);
    }
    return value;
  }
}
