import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validateSchedule, type Schedule } from '@switchboard/domain';
import { ScheduleEntity, type Tx } from '@switchboard/persistence';
import { ApiError, type FieldError } from '../../common/api-error';
import { issueField, runDomainCheck } from '../../common/domain-issues';
import { plain } from '../dto-fields';
import { chooseId } from '../resource-id';
import { ResourceStore, type WriteMode } from '../resource-store';
import type { ScheduleDto } from './dto';
import type { ScheduleView } from './schedule.view';

type ScheduleDefinition = Omit<Schedule, 'id' | 'name'>;

/** The body's own shape, so a GET can be edited and PUT back. */
function view(r: ScheduleEntity): ScheduleView {
  return {
    propertyId: r.propertyId,
    id: r.id,
    name: r.name,
    ...(r.definition as Omit<ScheduleDto, 'id' | 'name'>),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Opening hours that schedule steps of call flows name by id. */
@Injectable()
export class SchedulesService {
  private readonly store: ResourceStore<ScheduleEntity>;

  constructor(ds: DataSource) {
    this.store = new ResourceStore(ds, ScheduleEntity, 'schedule');
  }

  async list(propertyId: string, tx?: Tx): Promise<ScheduleView[]> {
    return (await this.store.list(propertyId, tx)).map(view);
  }

  async get(propertyId: string, id: string): Promise<ScheduleView> {
    return view(await this.store.get(propertyId, id));
  }

  /**
   * Validated by libs/domain's validateSchedule; its warnings (overlapping windows) come back too.
   * `tx`: write inside that transaction (a bundle) instead of one of its own.
   */
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
    const row = await this.store.within(tx).write(propertyId, id, mode, async () => {
      const report = runDomainCheck('body', () => validateSchedule({ id, name, ...definition }));
      if (report.errors.length) throw ApiError.invalid(report.errors.map((i) => issueField(i)));
      warnings = report.warnings.map((i) => issueField(i));
      return { name, definition };
    });
    return { ...view(row), warnings };
  }

  remove(propertyId: string, id: string, tx?: Tx): Promise<void> {
    return this.store.within(tx).remove(propertyId, id);
  }
}
