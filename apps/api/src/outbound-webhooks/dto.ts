import { PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { WEBHOOK_EVENTS, type WebhookEventType } from '@switchboard/contracts';
import { PageQuery } from '../common/page-query';
import { OptionalNotNull } from '../resources/dto-fields';

export class CreateWebhookDto {
  /** http(s) URL the events are POSTed to. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  url: string;

  /** Any of call.started, call.completed, voicemail.left, text.received, email.received, form.submitted. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: WebhookEventType[];

  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  description?: string;

  /** False pauses deliveries (new events are not sent; pending retries stop). Default true. */
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {}

export class DeliveryListQuery extends PageQuery {
  /** pending, delivered or failed */
  @IsOptional()
  @IsIn(['pending', 'delivered', 'failed'])
  status?: 'pending' | 'delivered' | 'failed';
}
