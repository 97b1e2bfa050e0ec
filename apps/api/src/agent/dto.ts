import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsE164 } from '../common/validators';

export class AgentSignInDto {
  /** The code of a sign-in link. */
  @IsString()
  @Length(10, 200)
  code: string;
}

export class PresenceDto {
  /** available, away or offline (on_call is Switchboard's to set). */
  @IsIn(['available', 'away', 'offline'])
  presence: 'available' | 'away' | 'offline';
}

export class RecentCallsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export class OutboundCallDto {
  /** Who to call, E.164. */
  @IsE164()
  to: string;

  /** One of the property's tracking numbers (E.164): the caller ID the callee sees. */
  @IsE164()
  callerId: string;
}
