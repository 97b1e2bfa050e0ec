import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
} from 'class-validator';
import { EXHAUSTION_POLICIES, type ExhaustionPolicy } from '@switchboard/persistence';
import { IsE164, normalizeE164 } from '../common/validators';
import { FIELD_ROLES, MAX_FIELDS, type FieldMap } from '../dni-script/form-fields';

/** Fields one form map may name: more than any lead form has. */
const MAX_MAPPED_FIELDS = 100;

/** A field map: form field names (1–200 characters) → name, phone, email or message. */
function IsFieldMap(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isFieldMap',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must map at most ${MAX_MAPPED_FIELDS} form field names (1–200 characters) to one of ${FIELD_ROLES.join(', ')}`,
      },
      validator: {
        validate: (v: unknown) =>
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          Object.keys(v).length <= MAX_MAPPED_FIELDS &&
          Object.entries(v).every(
            ([k, role]) =>
              k.length >= 1 && k.length <= 200 && (FIELD_ROLES as readonly unknown[]).includes(role),
          ),
      },
    });
}

/** Form tracking: the script sends the site's form submissions (docs/DNI.md "Form tracking"). */
export class FormTrackingDto {
  @IsBoolean()
  enabled: boolean;

  /**
   * Form field `name` → `name`, `phone`, `email` or `message`. A mapped field is always captured
   * (even a hidden one); unmapped fields are recognised by type and name. Replaces the map.
   */
  @IsOptional()
  @IsFieldMap()
  fieldMap?: FieldMap;
}

/** A pool smaller than this cannot keep concurrent visitors apart; larger ones cost more than they tell. */
export const POOL_MIN_NUMBERS = 4;
export const POOL_MAX_NUMBERS = 50;

/** Every field optional: only those given change (docs/DNI.md). */
export class UpdateDniSettingsDto {
  /** Site origins (`https://sunset.example`) allowed to call the public DNI endpoints. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true })
  allowedOrigins?: string[];

  /** The business's own numbers printed on the website: the script replaces these, and only these. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(normalizeE164) : value))
  @IsE164({ each: true })
  swapNumbers?: string[];

  /** How long a pool number stays with a visitor after their last page view or heartbeat. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  sessionGraceMinutes?: number;

  /** A call to a pool number nobody holds goes to its last holder if released within this window. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  lookbackMinutes?: number;

  /** `first_touch`: a returning visitor keeps the source of their first visit; `last_touch`: the latest. */
  @IsOptional()
  @IsIn(['first_touch', 'last_touch'])
  attributionModel?: 'first_touch' | 'last_touch';

  /** Repeat callers: count only calls within this many days; null counts every earlier call. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  repeatCallerWindowDays?: number | null;

  /** Form tracking on or off, and the field map; without `fieldMap` the map stays. */
  @IsOptional()
  @ValidateNested()
  @Type(() => FormTrackingDto)
  formTracking?: FormTrackingDto;
}

/** A number pool of one source: its numbers are tracking numbers of that source. */
export class CreatePoolDto {
  @IsUUID()
  sourceId: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  /** Tracking numbers of the pool's source (4–50), not in another pool. */
  @IsArray()
  @ArrayMinSize(POOL_MIN_NUMBERS)
  @ArrayMaxSize(POOL_MAX_NUMBERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  trackingNumberIds: string[];

  /** What a visitor gets when every number is held: see DECISIONS.md "Keyword pools". */
  @IsIn(EXHAUSTION_POLICIES)
  exhaustionPolicy: ExhaustionPolicy;

  /** Policy `overflow`: a tracking number of the property outside the pool. */
  @IsOptional()
  @IsUUID()
  overflowTrackingNumberId?: string | null;
}

/** Every field optional; `trackingNumberIds` replaces the pool's numbers (it may grow while live). */
export class UpdatePoolDto {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(POOL_MIN_NUMBERS)
  @ArrayMaxSize(POOL_MAX_NUMBERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  trackingNumberIds?: string[];

  @IsOptional()
  @IsIn(EXHAUSTION_POLICIES)
  exhaustionPolicy?: ExhaustionPolicy;

  @IsOptional()
  @IsUUID()
  overflowTrackingNumberId?: string | null;
}

/** Longest ad-platform cookie value taken (as libs/domain's longest click id): real ones are short. */
const MAX_COOKIE = 512;

const URL_RULE = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** POST /dni/{dniKey}/visits (docs/DNI.md). */
export class VisitDto {
  /** The `sb_vid` cookie; absent on a first visit (the answer gives one). */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'visitorId must be 8–64 letters, digits, "-" or "_"' })
  visitorId?: string;

  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_RULE)
  landingUrl: string;

  /** document.referrer; empty means none. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsUrl(URL_RULE)
  referrer?: string;

  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_RULE)
  pageUrl: string;

  /** The `_fbp` cookie (Meta's browser id), when the site has it. */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_COOKIE)
  fbp?: string;

  /** The `_fbc` cookie (Meta's click id), when the site has it. */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_COOKIE)
  fbc?: string;

  /** The `_ga` cookie (GA4's client id), when the site has it. */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_COOKIE)
  ga?: string;
}

/** POST /dni/{dniKey}/visits/{sessionId}/pages: a page view or heartbeat. */
export class PageViewDto {
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_RULE)
  pageUrl: string;
}

/** A form control's name, type, autocomplete and value, as the script read it. */
export class FormFieldDto {
  @IsString()
  @Length(1, 200)
  name: string;

  /** The control's `type`: `text`, `email`, `tel`, `textarea`, `select-one`… */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  autocomplete?: string;

  /** Cut to 2,000 characters when stored. */
  @IsString()
  @MaxLength(10_000)
  value: string;
}

/**
 * POST /dni/{dniKey}/forms: a form submitted on the site (docs/DNI.md "Form tracking"). Sent by
 * `navigator.sendBeacon` as text/plain JSON, so it needs no preflight and survives the navigation.
 */
export class FormSubmissionDto {
  /** The visit it was sent from (the `sb_sid` cookie). */
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  /** The `sb_vid` cookie. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'visitorId must be 8–64 letters, digits, "-" or "_"' })
  visitorId?: string;

  /** The page the form was on. */
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_RULE)
  pageUrl: string;

  /** The form's `id` attribute. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  formId?: string;

  /** The form's `name` attribute. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  formName?: string;

  /** Where the form posts (its `action`, absolute). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  formAction?: string;

  /** The captured controls, in form order. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FIELDS)
  @ValidateNested({ each: true })
  @Type(() => FormFieldDto)
  fields: FormFieldDto[];
}
