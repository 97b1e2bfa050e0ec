import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
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
} from 'class-validator';
import { EXHAUSTION_POLICIES, type ExhaustionPolicy } from '@switchboard/persistence';
import { IsE164, normalizeE164 } from '../common/validators';

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
}

/** POST /dni/{dniKey}/visits/{sessionId}/pages: a page view or heartbeat. */
export class PageViewDto {
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_RULE)
  pageUrl: string;
}
