import { HttpStatus, type PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID as our ids are (checked before it reaches a uuid column). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Path ids are UUIDs; a malformed one is a 400 naming the parameter, never a database error. */
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!isUuid(value)) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'bad_request', `${this.name} must be a UUID`, [
        { field: this.name, message: 'must be a UUID' },
      ]);
    }
    return value.toLowerCase();
  }
}
