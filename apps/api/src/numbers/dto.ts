import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CreateTrackingNumberDto } from '../properties/dto';

/** `GET /v1/properties/{propertyId}/available-numbers` query. */
export class AvailableNumbersQuery {
  @IsOptional()
  @Matches(/^[2-9]\d\d$/, { message: 'areaCode must be a 3-digit US area code such as 312' })
  areaCode?: string;

  /** Digits, or letters read as on a keypad (vanity numbers). */
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{1,10}$/, { message: 'contains must be 1 to 10 digits or letters' })
  contains?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

/**
 * `POST /v1/properties/{propertyId}/tracking-numbers/order`: the tracking number's fields, as for
 * `POST …/tracking-numbers` (`forwardTo` may be left out when a call flow handles calls).
 */
export class OrderTrackingNumberDto extends CreateTrackingNumberDto {}
