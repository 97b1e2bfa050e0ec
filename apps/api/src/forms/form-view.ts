import type { FormSubmission, JourneyContact } from '@switchboard/persistence';
import type { FormView, JourneyEntryView } from './forms.view';

/** A stored submission as the admin API shows it. */
export function formView(f: FormSubmission): FormView {
  return {
    id: f.id,
    propertyId: f.propertyId,
    submittedAt: f.submittedAt,
    formName: f.formName,
    formAction: f.formAction,
    pageUrl: f.pageUrl,
    name: f.name,
    phone: f.phone,
    email: f.email,
    message: f.message,
    fields: f.fields,
    source: f.sourceId || f.sourceName ? { id: f.sourceId, name: f.sourceName } : null,
    sessionId: f.sessionId,
    visitorId: f.visitorId,
    campaign: f.campaign,
    keyword: f.keyword,
    utmSource: f.utmSource,
    utmMedium: f.utmMedium,
    utmCampaign: f.utmCampaign,
    utmTerm: f.utmTerm,
    utmContent: f.utmContent,
    landingPage: f.landingPage,
    referrer: f.referrer,
  };
}

/** The `form.submitted` event's data (docs/webhooks.md). */
export function formEvent(f: FormSubmission): Record<string, unknown> {
  const { propertyId, submittedAt, ...rest } = formView(f);
  return { type: 'form.submitted', occurredAt: submittedAt, propertyId, ...rest };
}

/** One contact of a lead's journey in words a person reads at a glance. */
export function journeyEntry(c: JourneyContact): JourneyEntryView {
  const source = c.sourceName ? ` (${c.sourceName})` : '';
  const summary =
    c.kind === 'form'
      ? `Form ${c.what ? `"${c.what}"` : ''} sent${c.who ? ` by ${c.who}` : ''}${source}`.replace('  ', ' ')
      : `Call from ${c.who ?? 'an unknown number'}: ${c.what ?? 'in progress'}${
          c.talkSecs ? `, talked ${c.talkSecs} s` : ''
        }${source}`;
  return { kind: c.kind, at: c.at, id: c.id, summary };
}
