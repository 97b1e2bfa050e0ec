import type { FieldIssue } from '../../common/field-issue.view';
import type { DateOverrideDto, WeeklyWindowDto } from './dto';

/** A schedule, in its body's own shape so a GET can be edited and PUT back. */
export class ScheduleView {
  propertyId: string;
  id: string;
  name: string;

  /** IANA zone; absent: the property's. */
  timeZone?: string;

  weekly: WeeklyWindowDto[];
  overrides?: DateOverrideDto[];
  createdAt: Date;
  updatedAt: Date;

  /** What validation found worth a look but not wrong, such as overlapping windows (saves only). */
  warnings?: FieldIssue[];
}

export class ScheduleList {
  items: ScheduleView[];
}
