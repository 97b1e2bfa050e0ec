import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { OptionalNotNull, ResourceBodyDto } from '../dto-fields';

// Only the shape is checked here; what the values mean (clock times, weekdays, dates, zones) is
// libs/domain's validateSchedule, the one place for schedule rules.

export class TimeWindowDto {
  @IsString()
  start: string;

  @IsString()
  end: string;
}

export class WeeklyWindowDto extends TimeWindowDto {
  @IsArray()
  @IsString({ each: true })
  days: string[];
}

export class DateOverrideDto {
  @OptionalNotNull()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsString()
  date: string;

  @OptionalNotNull()
  @IsString()
  through?: string;

  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => TimeWindowDto)
  hours?: TimeWindowDto[];
}

/** libs/domain's Schedule. */
export class ScheduleDto extends ResourceBodyDto {
  /** IANA zone; absent: the property's. */
  @OptionalNotNull()
  @IsString()
  timeZone?: string;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => WeeklyWindowDto)
  weekly: WeeklyWindowDto[];

  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DateOverrideDto)
  overrides?: DateOverrideDto[];
}
