import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * `?limit=&offset=` of every paged list: at most 500 a page, 50 unless asked, starting at most
 * 100,000 rows in. Deeper pages cost the database every skipped row (and a number past PostgreSQL's
 * bigint was a 500): narrow the filters (dates) instead, or export the call log as CSV. Queries
 * that filter by more compose it (IntersectionType, e.g. reports/dto.ts). Literals, so the OpenAPI
 * plugin can show them.
 */
export class PageQuery {
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
  @Max(100000)
  offset: number = 0;
}
