import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsDialTarget, IsE164, IsIanaTimeZone, NormalizeE164 } from '../common/validators';
import { PageQuery } from '../common/page-query';

export class CreatePropertyDto {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsIanaTimeZone()
  timeZone: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  /** The business's main number, for reference. */
  @IsOptional()
  @NormalizeE164()
  @IsE164()
  phone?: string | null;
}

/** Every field optional; null clears address, phone or the default recording disclosure. */
export class UpdatePropertyDto extends PartialType(CreatePropertyDto) {
  /**
   * What callers hear before a recording flow without a disclosure of its own records them: a
   * prompt, `{kind: "tts", text}` or `{kind: "audio", audioId}` (an audio file of the property).
   */
  @IsOptional()
  @IsObject()
  recordingDisclosure?: Record<string, unknown> | null;

  /** Every flow that records must have a disclosure: its own, or the default above. */
  @ValidateIf((_o, v) => v !== undefined)
  @IsBoolean()
  requireRecordingDisclosure?: boolean;
}

export class ListPropertiesQuery extends PageQuery {
  /** Only the properties of this property list. */
  @IsOptional()
  @IsUUID()
  propertyListId?: string;

  /** Case-insensitive part of the name. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/**
 * A custom source (`name`, optional `dniRules`), or a standard one from the catalog
 * (`standardKey`; name and DNI rules come from the catalog unless given).
 */
export class CreateSourceDto {
  @ValidateIf((o: CreateSourceDto) => o.standardKey === undefined || o.name !== undefined)
  @IsString()
  @Length(1, 100)
  name?: string;

  /** A key of GET /v1/standard-sources, e.g. "google_ads". */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  standardKey?: string;

  /** libs/domain DniRule[], checked by validateDniRules. */
  // Declared as objects of any shape (the domain's check names each problem), so typed clients
  // may send DniRule values.
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  dniRules?: unknown[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  priority?: number;

  /** Opt-in last touch under a first-touch property (see docs/DNI.md). */
  @IsOptional()
  @IsBoolean()
  lastTouch?: boolean;
}

/** Every field optional; a standard source's catalog key cannot change. */
export class UpdateSourceDto extends PartialType(OmitType(CreateSourceDto, ['standardKey'] as const)) {}

export class CreateTrackingNumberDto {
  /** A call flow of the same property; calls then run its current version instead of forwarding. */
  @IsOptional()
  @IsUUID()
  callFlowId?: string | null;

  @NormalizeE164()
  @IsE164()
  number: string;

  @IsUUID()
  sourceId: string;

  /** Where calls are forwarded: required unless `callFlowId` is given (the flow then handles calls). */
  @IsOptional()
  @NormalizeE164()
  @IsDialTarget()
  forwardTo?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  greetingText?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  greetingAudioUrl?: string;
}

/** Every field optional; null clears a greeting or the call flow. */
export class UpdateTrackingNumberDto {
  @IsOptional()
  @IsUUID()
  callFlowId?: string | null;

  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @IsOptional()
  @NormalizeE164()
  @IsDialTarget()
  forwardTo?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  greetingText?: string | null;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  greetingAudioUrl?: string | null;
}

/** Filters of a property's tracking numbers. */
export class ListTrackingNumbersQuery {
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @IsOptional()
  @IsUUID()
  callFlowId?: string;
}
