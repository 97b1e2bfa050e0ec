import { IsBoolean, IsDefined, IsObject, IsString, Length } from 'class-validator';
import { OptionalNotNull, ResourceBodyDto } from '../dto-fields';

export class AgentDto extends ResourceBodyDto {
  /** `{kind:'phone',number}`, `{kind:'sip',uri}` or `{kind:'webrtc',username}`; checked by parseEndpoint. */
  @IsDefined()
  @IsObject()
  endpoint: Record<string, unknown>;

  /** Ring groups that skip unavailable members leave the agent out. Omitted: unchanged (new agents: true). */
  @OptionalNotNull()
  @IsBoolean()
  available?: boolean;
}

/** PATCH: any of the fields; an agent flips `available` as they come and go. */
export class UpdateAgentDto {
  @OptionalNotNull()
  @IsString()
  @Length(1, 200)
  name?: string;

  @OptionalNotNull()
  @IsObject()
  endpoint?: Record<string, unknown>;

  @OptionalNotNull()
  @IsBoolean()
  available?: boolean;
}
