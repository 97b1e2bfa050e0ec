import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page-query';

/**
 * The person a request is about: exactly one of `phone` (any way it is written; stored as E.164)
 * or `email`. The service checks which (libs/domain privacySubject) and names the fields it refuses.
 */
export class PrivacySubjectDto {
  /** A phone number: `+14155550100`, or a national (US) number such as `(415) 555-0100`. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  phone?: string;

  /** An email address (any case). */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;
}

/** `POST /v1/privacy/erasures`. */
export class CreateErasureDto extends PrivacySubjectDto {}

/** `GET /v1/privacy/exports?phone=…` or `?email=…`. */
export class ExportQuery extends PrivacySubjectDto {}

/** `GET /v1/privacy/erasures`: newest first, paged. */
export class ErasureListQuery extends PageQuery {}

/** `GET /v1/privacy/requests`: erasures and exports, newest first; `kind` keeps one kind. */
export class PrivacyRequestListQuery extends PageQuery {
  @IsOptional()
  @IsIn(['erasure', 'export'])
  kind?: 'erasure' | 'export';
}
