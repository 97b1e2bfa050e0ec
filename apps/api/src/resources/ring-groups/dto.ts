import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalNotNull, ResourceBodyDto } from '../dto-fields';

// Only the shape is checked here; the rules (strategies, positive timeouts, duplicate members,
// prompts) are libs/domain's validateRingGroup.

export class RingMemberDto {
  /** An agent of the property; their endpoint and availability come from the agent. */
  @IsString()
  @Length(1, 63)
  agentId: string;

  @OptionalNotNull()
  @IsNumber()
  ringTimeoutSeconds?: number;
}

/** libs/domain's RingGroup, with members naming agents instead of carrying endpoints. */
export class RingGroupDto extends ResourceBodyDto {
  /** simultaneous, sequential or round_robin */
  @IsString()
  strategy: string;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RingMemberDto)
  members: RingMemberDto[];

  @IsNumber()
  agentRingTimeoutSeconds: number;

  @OptionalNotNull()
  @IsNumber()
  overallTimeoutSeconds?: number;

  @IsBoolean()
  skipUnavailable: boolean;

  /** A Prompt heard only by the agent who answers. */
  @OptionalNotNull()
  @IsObject()
  whisper?: Record<string, unknown>;

  /** `{kind:'ringback'}` or `{kind:'hold_audio', prompt}` */
  @IsDefined()
  @IsObject()
  callerHears: Record<string, unknown>;

  /**
   * Round robin: the member index the next call starts on. Absent keeps the rotation where it is
   * (an edit does not disturb the turn order); a bundle sets it to restart the rotation.
   */
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  rotationPointer?: number;
}
