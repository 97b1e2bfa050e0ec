import { Injectable } from '@nestjs/common';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import {
  FormSubmissionRepository,
  Transactions,
  type FormSubmission,
  type NewFormSubmission,
} from '@switchboard/persistence';
import { ApiError } from '../common/api-error';
import { ConversionsService } from '../conversions/conversions.service';
import type { DniProperty } from '../dni/dni-access.guard';
import type { FormSubmissionDto } from '../dni/dto';
import { captureForm, isLead } from '../dni-script/form-fields';
import { OutboundWebhooks } from '../outbound-webhooks/outbound-webhooks.service';
import { formEvent } from './form-view';

/**
 * A written phone number in E.164 when it is one (a national number read as a US one, the numbers
 * this product tracks); else null. The one rule for numbers people type: form phones, and the
 * person of an erasure or export.
 */
export function e164Phone(written: string): string | null {
  const parsed = parsePhoneNumberFromString(written, 'US');
  return parsed?.isValid() ? parsed.number : null;
}

/** A lead's phone as written on a form: E.164 when it parses, else as written, so nothing typed is lost. */
export function leadPhone(written: string | undefined): string | null {
  if (!written) return null;
  return e164Phone(written) ?? written;
}

/**
 * Form submissions the DNI script sends (docs/DNI.md "Form tracking"): captured by the one field
 * rule (dni-script/form-fields.ts, applied again here: the page may run an altered script), stored
 * with their visit and the conversions they earn (docs/conversions.md), and announced as
 * `form.submitted`.
 */
@Injectable()
export class FormIntake {
  constructor(
    private readonly forms: FormSubmissionRepository,
    private readonly conversions: ConversionsService,
    private readonly transactions: Transactions,
    private readonly webhooks: OutboundWebhooks,
  ) {}

  /** The script's submission, refused (403) when the property does not track forms. */
  async receive(p: DniProperty, dto: FormSubmissionDto, now = new Date()): Promise<FormSubmission> {
    if (!p.formTracking.enabled)
      throw ApiError.forbidden('form_tracking_off', 'this property does not track form submissions');
    const { fields, lead } = captureForm(dto.fields, p.formTracking.fieldMap);
    if (!isLead(lead))
      throw ApiError.invalid([
        { field: 'fields', message: 'no name, phone, email or message field was captured: not a lead' },
      ]);
    return this.save({
      propertyId: p.id,
      sessionId: dto.sessionId ?? null,
      visitorId: dto.visitorId ?? null,
      formName: dto.formName || dto.formId || null,
      formAction: dto.formAction ?? null,
      pageUrl: dto.pageUrl,
      fields,
      name: lead.name ?? null,
      phone: leadPhone(lead.phone),
      email: lead.email ?? null,
      message: lead.message ?? null,
      submittedAt: now,
    });
  }

  /**
   * Stores a captured submission with the conversions it earns (one transaction: a form is never
   * kept without them; their deliveries start after it commits) and announces it; returns the row
   * as stored (with its visit's attribution).
   */
  async save(s: NewFormSubmission): Promise<FormSubmission> {
    const row = await this.transactions.run(async (tx) => {
      const saved = await this.forms.save(s, tx);
      await this.conversions.produceForForm(saved, tx);
      return saved;
    });
    await this.webhooks.announce(row.propertyId, 'form.submitted', `form/${row.id}`, formEvent(row));
    return row;
  }
}
