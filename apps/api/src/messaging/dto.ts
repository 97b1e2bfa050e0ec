import { IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../common/page-query';
import { IsE164, NormalizeE164 } from '../common/validators';

/** `PUT …/text-routing`: replaces the property's text routing; an absent field is cleared. */
export class SetTextRoutingDto {
  /** Every inbound text is forwarded to this phone (from the tracking number it reached). */
  @IsOptional()
  @NormalizeE164()
  @IsE164()
  forwardTo?: string | null;

  /** Receives a `text.received` event for every inbound text. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  notifyWebhookUrl?: string | null;
}

/** `?sourceId=&limit=&offset=`: newest conversation first. */
export class ListConversationsQuery extends PageQuery {
  /** Only conversations attributed to this source. */
  @IsOptional()
  @IsUUID()
  sourceId?: string;
}

/** `POST …/conversations/{conversationId}/messages`: a reply from the tracking number. */
export class SendTextDto {
  @IsString()
  @MinLength(1)
  @MaxLength(1600)
  text: string;
}
