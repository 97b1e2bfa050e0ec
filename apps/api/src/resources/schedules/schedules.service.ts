import { Injectable } from '@nestjs/common';
import { validateSchedule, type Schedule } from '@switchboard/domain';
import { ScheduleRepository, type ScheduleEntity, type Tx } from '@switchboard/persistence';
import { ApiError, type FieldError } from '../../common/api-error';
import { issueField, runDomainCheck } from '../../common/domain-issues';
import { plain } from '../dto-fields';
import { chooseId } from '../resource-id';
import { ResourceService, type WriteMode } from '../resource-service';
import type { ScheduleDto } from './dto';
import type { ScheduleView } from './schedule.view';

type ScheduleDefinition = Omit<Schedule, 'id' | 'name'>;

/** Opening hours that schedule steps of call flows name by id. */
@Injectable()
export class SchedulesService extends ResourceService<ScheduleEntity, ScheduleView> {
  constructor(schedules: ScheduleRepository) {
    super('schedule', schedules);
  }

  protected fields(r: ScheduleEntity) {
    return r.definition as Omit<ScheduleDto, 'id' | 'name'>;
  }

  /** Validated by libs/domain's validateSchedule; its warnings (overlapping windows) come back too. */
  async save(
    propertyId: string,
    dto: ScheduleDto,
    mode: WriteMode,
    pathId?: string,
    tx?: Tx,
  ): Promise<ScheduleView> {
    const id = chooseId(dto, pathId);
    const { id: _id, name, ...definition } = plain(dto) as ScheduleDto & ScheduleDefinition;
    let warnings: FieldError[] = [];
    const saved = await this.write(
      propertyId,
      id,
      mode,
      async () => {
        const report = runDomainCheck('body', () => validateSchedule({ id, name, ...definition }));
        if (report.errors.length) throw ApiError.invalid(report.errors.map((i) => issueField(i)));
        warnings = report.warnings.map((i) => issueField(i));
        return { name, definition };
      },
      tx,
    );
    return { ...saved, warnings };
  }
}
