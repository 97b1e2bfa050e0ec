import { IntersectionType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CallPropertiesQuery } from '../calls/dto';
import { PageQuery } from '../common/page-query';
import { CallConditionsQuery } from '../reports/dto';

/** The call log's filters that mean something for a form: local days and the source. */
class FormConditionsQuery extends PickType(CallConditionsQuery, ['from', 'to', 'sourceId'] as const) {}

/** `csv` streams the whole result as CSV (also chosen by `Accept: text/csv`). */
class FormFormatQuery {
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** `GET /v1/forms`: whose forms, paging, then the filters it shares with the call log. */
export class FormLogQuery extends IntersectionType(
  CallPropertiesQuery,
  PageQuery,
  FormConditionsQuery,
  FormFormatQuery,
) {}
