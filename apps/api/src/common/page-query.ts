import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalNotNull } from '../resources/dto-fields';

/** `?limit=&offset=` of every paged list: at most 500 a page, 50 unless asked. */
export class PageQuery {
  @OptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @OptionalNotNull()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;
}
