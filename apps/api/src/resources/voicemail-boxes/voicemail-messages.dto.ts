import { IsBoolean, IsIn } from 'class-validator';
import { PageQuery } from '../../common/page-query';
import { OptionalNotNull } from '../dto-fields';

/** `?heard=true|false&limit=&offset=`, paged like the call log. */
export class ListVoicemailMessagesQuery extends PageQuery {
  /** true: heard only; false: not yet heard only; absent: both. */
  @OptionalNotNull()
  @IsIn(['true', 'false'])
  heard?: 'true' | 'false';
}

export class MarkVoicemailMessageDto {
  @IsBoolean()
  heard: boolean;
}
