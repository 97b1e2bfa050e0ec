import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  MaxLength,
} from 'class-validator';
import { OptionalNotNull, ResourceBodyDto } from '../dto-fields';

/** Where voicemail steps of call flows record messages, and who hears about them. */
export class VoicemailBoxDto extends ResourceBodyDto {
  /** The agent whose box this is; absent or null: one of the property's own boxes. */
  @IsOptional()
  @IsString()
  @Length(1, 63)
  agentId?: string | null;

  /** A Prompt played before the beep when the flow's voicemail step has no greeting of its own. */
  @IsOptional()
  @IsObject()
  greeting?: Record<string, unknown> | null;

  /** Receives a `voicemail.received` event for every message. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  notifyWebhookUrl?: string | null;

  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  notifyEmails?: string[];
}
