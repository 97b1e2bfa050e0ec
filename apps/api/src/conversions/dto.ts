import { PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { CONVERSION_LIMITS, CONVERSION_PLATFORMS, type ConversionPlatform } from '@switchboard/domain';
import { PageQuery } from '../common/page-query';
import { OptionalNotNull } from '../resources/dto-fields';

// Only the shape is checked here; each platform's settings and the rule's conditions are checked by
// libs/domain's validateConversionDestination and validateConversionRule, naming the field.

export class CreateConversionDestinationDto {
  /** google_ads, ga4 or meta */
  @IsIn(CONVERSION_PLATFORMS)
  platform: ConversionPlatform;

  @IsString()
  @Length(1, 100)
  name: string;

  /**
   * The platform's settings (docs/conversions.md). google_ads: mode (api or csv), customerId,
   * conversionActionId, developerToken, accessToken, loginCustomerId; ga4: measurementId,
   * apiSecret; meta: pixelId, accessToken, testEventCode. Secrets are never shown again.
   */
  @IsObject()
  config: Record<string, string>;

  /** False stops new deliveries to it (pending ones end as failed). Default true. */
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

/** Any of name, config, enabled; config is merged into the stored one (omit a secret to keep it). */
export class UpdateConversionDestinationDto {
  @OptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;

  /** Settings to change; a setting set to null is removed. */
  @OptionalNotNull()
  @IsObject()
  config?: Record<string, string | null>;

  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

export class CreateConversionRuleDto {
  /** The conversion's name on the platforms (Google Ads conversion action name, GA4 or Meta event name). */
  @IsString()
  @Length(1, 100)
  name: string;

  /** What one conversion is worth; null or absent sends none. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number | null;

  /** ISO 4217 (USD, EUR…). */
  @IsString()
  currency: string;

  /**
   * The condition: `leadKind` call (answered, talkSecondsAtLeast, leadStatus, firstTime, sourceIn)
   * or form (formNameIn; none: any form).
   */
  @IsObject()
  when: Record<string, unknown>;

  /** The property's conversion destinations each conversion is sent to. */
  @IsArray()
  @ArrayMaxSize(CONVERSION_LIMITS.maxDestinationsPerRule)
  @IsUUID('all', { each: true })
  destinationIds: string[];

  /** False stops producing conversions by this rule. Default true. */
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateConversionRuleDto extends PartialType(CreateConversionRuleDto) {}

export class ConversionLogQuery extends PageQuery {
  /** Conversions with a delivery in this status: pending, delivered, rejected or failed. */
  @IsOptional()
  @IsIn(['pending', 'delivered', 'rejected', 'failed'])
  status?: 'pending' | 'delivered' | 'rejected' | 'failed';

  /** Conversions with a delivery to this platform. */
  @IsOptional()
  @IsIn(CONVERSION_PLATFORMS)
  platform?: ConversionPlatform;

  /** The lead's time at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** The lead's time before this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class GoogleAdsCsvQuery {
  /** A Google Ads destination of the property (in csv mode, usually). */
  @IsUUID('all')
  destinationId: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
