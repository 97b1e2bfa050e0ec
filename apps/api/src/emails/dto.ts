import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsEmail,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { PageQuery } from '../common/page-query';
import { IsMailbox } from './mailbox.validator';

/**
 * `POST /webhooks/email`: one received message in Switchboard's normalized shape. Inbound-email
 * providers post their own shapes; each maps onto this one field for field (see docs/texts-and-emails.md):
 * Mailgun routes (`Message-Id`, `from`, `recipient`, `subject`, `body-plain`, `body-html`),
 * SendGrid Inbound Parse (`from`, `to`, `cc`, `subject`, `text`, `html`, Message-ID from
 * `headers`), Postmark inbound (`MessageID`, `From`, `ToFull`, `CcFull`, `Subject`, `TextBody`,
 * `HtmlBody`, `Date`) and Amazon SES via SNS (`mail.messageId`, `mail.source`,
 * `mail.destination`). The body is signed with EMAIL_WEBHOOK_SECRET (headers
 * `X-Switchboard-Timestamp` and `X-Switchboard-Signature`).
 */
export class InboundEmailDto {
  /** The message's Message-ID; a second delivery with the same id is acknowledged and not stored again. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(998)
  messageId: string;

  /** The sender: `jane@example.com` or `"Jane Doe" <jane@example.com>`; forwarded mail replies to it. */
  @IsMailbox()
  @MaxLength(998)
  from: string;

  /** Recipients; the first one that is a tracked address (of `to`, then `cc`) attributes the message. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsMailbox({ each: true })
  to: string[];

  /** Copy recipients; also searched for tracked addresses. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsMailbox({ each: true })
  cc?: string[];

  /** The subject, as decoded by the provider. */
  @IsOptional()
  @IsString()
  @MaxLength(998)
  subject?: string;

  /** The plain-text body. Stored up to 256,000 characters (longer is cut and flagged `truncated`). */
  @IsOptional()
  @IsString()
  text?: string;

  /** The HTML body, with the same size limit as `text`. */
  @IsOptional()
  @IsString()
  html?: string;

  /** When the provider received the message (ISO 8601); default: when the webhook arrives. */
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;
}

/** `PUT /v1/properties/{propertyId}/email-routing`: where the property's tracked mail is forwarded. */
export class SetEmailRoutingDto {
  /** The destination address, e.g. the leasing office's inbox. */
  @IsEmail()
  @MaxLength(320)
  forwardTo: string;
}

/** `GET /v1/properties/{propertyId}/emails`: newest first, optionally one source's. */
export class ListEmailsQuery extends PageQuery {
  /** Only the emails attributed to this source. */
  @IsOptional()
  @IsUUID()
  sourceId?: string;
}
