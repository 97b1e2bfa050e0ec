import { IsOptional, IsString, IsUrl, IsUUID, Length, MaxLength } from 'class-validator';
import { IsDialTarget, IsE164, IsIanaTimeZone, NormalizeE164 } from '../common/validators';

export class CreatePropertyDto {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsIanaTimeZone()
  timeZone: string;
}

export class CreateSourceDto {
  @IsString()
  @Length(1, 100)
  name: string;
}

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

  @NormalizeE164()
  @IsDialTarget()
  forwardTo: string;

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
