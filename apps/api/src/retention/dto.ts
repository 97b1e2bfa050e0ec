import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

// The periods themselves (whole days from 1 to 3650, null, "forever" on a property) are checked
// by libs/domain's validateRetentionPolicy / validateRetentionOverrides: one place for the rule.

/** An account's retention policy: each category's period in days; null or left out: kept until erased. */
export class RetentionPolicyDto {
  /** Conversation recordings (ours and the carrier's copy). */
  @Allow()
  recordings?: number | null;

  /** Voicemail audio. */
  @Allow()
  voicemail?: number | null;

  /** Call transcripts. */
  @Allow()
  transcripts?: number | null;

  /** Text message bodies (and the other party's number once the whole conversation is past). */
  @Allow()
  texts?: number | null;

  /** Tracked emails' subject, bodies and addresses. */
  @Allow()
  emails?: number | null;

  /** Web form submissions' fields and contact details. */
  @Allow()
  forms?: number | null;

  /** Callers' numbers and visitor data on call records, carrier events, webhook payloads, conversions. */
  @Allow()
  callerData?: number | null;
}

/**
 * A property's overrides: a period of its own in days, `"forever"` (kept until erased on this
 * property, whatever the account's policy), or null / left out: the account's period.
 */
/** A period of a property's own: days (1–3650), "forever", or null (the account's): a union the plugin cannot render. */
export const OverrideField = (required: boolean): PropertyDecorator =>
  ApiProperty({
    required,
    nullable: true,
    oneOf: [
      { type: 'integer', minimum: 1, maximum: 3650 },
      { type: 'string', enum: ['forever'] },
    ],
  });

export class RetentionOverridesDto {
  @OverrideField(false)
  @Allow()
  recordings?: number | string | null;

  @OverrideField(false)
  @Allow()
  voicemail?: number | string | null;

  @OverrideField(false)
  @Allow()
  transcripts?: number | string | null;

  @OverrideField(false)
  @Allow()
  texts?: number | string | null;

  @OverrideField(false)
  @Allow()
  emails?: number | string | null;

  @OverrideField(false)
  @Allow()
  forms?: number | string | null;

  @OverrideField(false)
  @Allow()
  callerData?: number | string | null;
}

export class StartRetentionRunDto {
  /** true: count what would be removed, change nothing. */
  @IsBoolean()
  dryRun: boolean;
}

export class ListRetentionRunsQuery {
  /** 1–100, default 20: the newest runs first. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
