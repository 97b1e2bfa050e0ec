import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FORM_LOG_COLUMNS, FormSubmissionRepository, type LeadKeys } from '@switchboard/persistence';
import type { AccessScope } from '../auth/access-scope';
import { PropertyAccess } from '../auth/property-access';
import { ApiError } from '../common/api-error';
import { streamCsv } from '../reports/csv-stream';
import { rangeProblems } from '../reports/dto';
import { wantsCsv } from '../reports/reports.service';
import type { FormLogQuery } from './dto';
import { formView, journeyEntry } from './form-view';
import type { FormDetailView, FormPage, JourneyEntryView } from './forms.view';

/** The form log and one lead's journey, over the properties the request's key reaches. */
@Injectable()
export class FormsService {
  constructor(
    private readonly forms: FormSubmissionRepository,
    private readonly access: PropertyAccess,
  ) {}

  /** Paged JSON, or the whole log as CSV (through the project's one CSV writer and its formula guard). */
  async log(scope: AccessScope, q: FormLogQuery, req: Request, res: Response): Promise<void> {
    const problems = rangeProblems(q, false);
    if (problems.length > 0) throw ApiError.invalid(problems);
    const f = { ...q, propertyIds: await this.access.visibleIds(scope, q) };
    if (wantsCsv(q.format, req))
      return streamCsv(res, (consume) => this.forms.readLog(f, consume), FORM_LOG_COLUMNS, 'forms.csv');
    const { items, total } = await this.forms.list(f, { limit: q.limit, offset: q.offset });
    res.json({
      items: items.map(formView),
      total,
      limit: q.limit,
      offset: q.offset,
    } satisfies Record<keyof FormPage, unknown>);
  }

  /** One form with its lead's journey; a form of a property out of the key's reach is "not found". */
  async get(scope: AccessScope, id: string): Promise<FormDetailView> {
    const form = await this.forms.get(id);
    if (!form || !(await this.access.canReach(scope, form.propertyId))) throw ApiError.notFound('form', id);
    return {
      ...formView(form),
      journey: await this.journey(form.propertyId, { phone: form.phone, sessionId: form.sessionId }),
    };
  }

  /** Every form and inbound call of one lead at the property, oldest first. */
  async journey(propertyId: string, lead: LeadKeys): Promise<JourneyEntryView[]> {
    return (await this.forms.journey(propertyId, lead)).map(journeyEntry);
  }
}
