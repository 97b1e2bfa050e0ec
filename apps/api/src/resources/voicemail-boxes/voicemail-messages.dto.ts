import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/page-query';

/** `?heard=true|false&limit=&offset=`, paged like the call log. */
export class ListVoicemailMessagesQuery extends PageQuery {
  /** true: heard only; false: not yet heard only; absent: both. */
  @IsOptional()
  @IsIn(['true', 'false'])
  heard?: 'true' | 'false';
}

export class MarkVoicemailMessageDto {
  @IsBoolean()
  heard: boolean;
}
