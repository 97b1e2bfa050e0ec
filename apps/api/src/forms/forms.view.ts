/*
 * What the form log answers with. Response classes, types only (read by the OpenAPI plugin):
 * form-view.ts builds plain objects of these shapes.
 */

/** The visit's source when the form was sent. */
export class FormSourceView {
  /** Null once the source is deleted (`name` stays). */
  id: string | null;
  name: string;
}

/** A web form submission the DNI script sent: a lead beside calls, texts and emails. */
export class FormView {
  id: string;
  propertyId: string;
  submittedAt: Date;
  /** The form's `name` (else its `id`) attribute. */
  formName: string | null;
  /** Where the form posts. */
  formAction: string | null;
  /** The page the form was on. */
  pageUrl: string;
  /** The lead's name (first and last name fields joined). */
  name: string | null;
  /** E.164 when the number parses; else as written. */
  phone: string | null;
  email: string | null;
  message: string | null;
  /** Every captured field by name; never a password, hidden, file or card field the admin did not map. */
  fields: Record<string, string>;
  source: FormSourceView | null;
  /** The visit the form was sent from; its attribution follows. */
  sessionId: string | null;
  visitorId: string | null;
  campaign: string | null;
  keyword: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  landingPage: string | null;
  referrer: string | null;
}

/** One contact of a lead: a form it sent or a call it made. */
export class JourneyEntryView {
  kind: 'form' | 'call';
  at: Date;
  /** The form's or the call's id. */
  id: string;
  /** In words: `Form "contact" sent by Jane Doe (Google Ads)`, `Call from +13125550177: answered, talked 42 s`. */
  summary: string;
}

/** A form with its lead's journey. */
export class FormDetailView extends FormView {
  /**
   * Every form and inbound call of the same lead at the property (same phone number, or sent from
   * the same visit), oldest first, this form among them: later calls show what became of it.
   */
  journey: JourneyEntryView[];
}

/** A page of the form log, newest first. */
export class FormPage {
  items: FormView[];
  /** Forms matching the filter, over every page. */
  total: number;
  limit: number;
  offset: number;
}
