import type { DataSource } from 'typeorm';
import { scopeCte } from '../reports/call-filter.sql';
import { readThroughCursor, type RowConsumer } from '../reports/row-cursor';
import { SqlParams } from '../reports/sql-params';
import { managerOf, type Tx } from '../transaction';

/** A submission as the DNI form endpoint stores it. */
export interface NewFormSubmission {
  propertyId: string;
  /** The visit it was sent from; a session of another property, or none, stores it without one. */
  sessionId: string | null;
  visitorId: string | null;
  formName: string | null;
  formAction: string | null;
  pageUrl: string;
  /** The captured fields by name (never a secret field the admin did not map). */
  fields: Record<string, string>;
  name: string | null;
  phone: string | null;
  email: string | null;
  message: string | null;
  submittedAt: Date;
}

/** A stored submission with its visit's attribution. */
export interface FormSubmission {
  id: string;
  propertyId: string;
  sessionId: string | null;
  visitorId: string | null;
  /** The visit's source when the form was sent; null once the source is deleted (`sourceName` stays). */
  sourceId: string | null;
  sourceName: string;
  formName: string | null;
  formAction: string | null;
  pageUrl: string;
  fields: Record<string, string>;
  name: string | null;
  phone: string | null;
  email: string | null;
  message: string | null;
  campaign: string | null;
  keyword: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  landingPage: string | null;
  referrer: string | null;
  submittedAt: Date;
  createdAt: Date;
}

/** Which forms the form log shows: the key's visible properties, local days, one source. */
export interface FormFilter {
  propertyIds: readonly string[];
  from?: string;
  to?: string;
  sourceId?: string;
}

/** One contact of a lead: a form it sent or a call it made. */
export interface JourneyContact {
  kind: 'form' | 'call';
  id: string;
  at: Date;
  /** Form: its name; call: its outcome. */
  what: string | null;
  /** Form: the lead's name, else email; call: the caller's number. */
  who: string | null;
  /** Call: seconds talked. */
  talkSecs: number | null;
  sourceName: string | null;
}

/** Who a lead is: its phone number and the visits it came through (either one links contacts). */
export interface LeadKeys {
  phone: string | null;
  sessionId: string | null;
}

/** Columns of a submission, in the form log's (and its CSV's) order. */
export const FORM_LOG_COLUMNS = [
  'id',
  'propertyId',
  'submittedAt',
  'formName',
  'pageUrl',
  'name',
  'phone',
  'email',
  'message',
  'sourceId',
  'sourceName',
  'campaign',
  'keyword',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'utmTerm',
  'utmContent',
  'landingPage',
  'referrer',
  'sessionId',
  'visitorId',
  'formAction',
  'fields',
  'createdAt',
] as const;

const SELECT = `f.id, f.property_id AS "propertyId", f.submitted_at AS "submittedAt", f.form_name AS "formName",
  f.page_url AS "pageUrl", f.name, f.phone, f.email, f.message, f.source_id AS "sourceId",
  f.source_name AS "sourceName", vs.campaign, vs.keyword, vs.utm_source AS "utmSource",
  vs.utm_medium AS "utmMedium", vs.utm_campaign AS "utmCampaign", vs.utm_term AS "utmTerm",
  vs.utm_content AS "utmContent", vs.landing_url AS "landingPage", vs.referrer,
  f.session_id AS "sessionId", f.visitor_id AS "visitorId", f.form_action AS "formAction", f.fields,
  f.created_at AS "createdAt"`;
/** A submission's attribution is its visit's: read from the session, never copied. */
const WITH_SESSION = `LEFT JOIN visitor_sessions vs ON vs.id = f.session_id`;

/** Web form submissions the DNI script sent (docs/DNI.md "Form tracking"): leads beside calls. */
export class FormSubmissionRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Stores a submission, attributed to its session's source when the session is the property's
   * (checked in the same statement), and returns it as stored.
   */
  async save(s: NewFormSubmission, tx?: Tx): Promise<FormSubmission> {
    const [row] = await managerOf(this.ds, tx).query<{ id: string }[]>(
      `INSERT INTO form_submissions (property_id, session_id, visitor_id, source_id, source_name, form_name,
              form_action, page_url, fields, name, phone, email, message, submitted_at)
       SELECT $1, vs.id, $3, vs.source_id, COALESCE(ts.name, ''), $4, $5, $6, $7, $8, $9, $10, $11, $12
         FROM (SELECT 1) one
         LEFT JOIN visitor_sessions vs ON vs.id = $2 AND vs.property_id = $1
         LEFT JOIN tracking_sources ts ON ts.id = vs.source_id
       RETURNING id`,
      [
        s.propertyId,
        s.sessionId,
        s.visitorId,
        s.formName,
        s.formAction,
        s.pageUrl,
        JSON.stringify(s.fields),
        s.name,
        s.phone,
        s.email,
        s.message,
        s.submittedAt,
      ],
    );
    return (await this.get(row.id, tx))!;
  }

  /** The submission, whichever property it is of (the caller checks the reach); null when none. */
  async get(id: string, tx?: Tx): Promise<FormSubmission | null> {
    const rows = await managerOf(this.ds, tx).query<FormSubmission[]>(
      `SELECT ${SELECT} FROM form_submissions f ${WITH_SESSION} WHERE f.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  private logQuery(f: FormFilter, p: SqlParams, tail: string): string {
    const where = f.sourceId ? `AND f.source_id = ${p.add(f.sourceId)}` : '';
    return `WITH ${scopeCte(f, p)}
      SELECT ${SELECT} FROM scope s
        JOIN form_submissions f ON f.property_id = s.id AND f.submitted_at >= s.lo AND f.submitted_at < s.hi
        ${WITH_SESSION}
       WHERE true ${where}
       ORDER BY f.submitted_at DESC, f.id ${tail}`;
  }

  /** A page of the form log, newest first, with how many match over every page. */
  async list(
    f: FormFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: FormSubmission[]; total: number }> {
    const p = new SqlParams();
    const sql = this.logQuery(f, p, `LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}`);
    const items = await this.ds.query<FormSubmission[]>(sql, p.values);
    const c = new SqlParams();
    const where = f.sourceId ? `AND f.source_id = ${c.add(f.sourceId)}` : '';
    const [{ total }] = await this.ds.query<{ total: number }[]>(
      `WITH ${scopeCte(f, c)}
       SELECT count(*)::int AS total FROM scope s
         JOIN form_submissions f ON f.property_id = s.id AND f.submitted_at >= s.lo AND f.submitted_at < s.hi
        WHERE true ${where}`,
      c.values,
    );
    return { items, total };
  }

  /** The whole form log through a cursor (CSV), batch by batch. */
  async readLog(f: FormFilter, consume: RowConsumer): Promise<void> {
    const p = new SqlParams();
    return readThroughCursor(this.ds, { sql: this.logQuery(f, p, ''), params: p.values }, consume);
  }

  /**
   * Every form and inbound call of one lead at the property, oldest first: those from the lead's
   * phone number or sent from its visit. At most `limit` (the earliest).
   */
  async journey(propertyId: string, lead: LeadKeys, limit = 50): Promise<JourneyContact[]> {
    if (!lead.phone && !lead.sessionId) return [];
    return this.ds.query<JourneyContact[]>(
      `SELECT 'form' AS kind, f.id, f.submitted_at AS at, f.form_name AS what, COALESCE(f.name, f.email) AS who,
              NULL::int AS "talkSecs", f.source_name AS "sourceName"
         FROM form_submissions f
        WHERE f.property_id = $1 AND (f.phone = $2 OR f.session_id = $3)
       UNION ALL
       SELECT 'call', c.id, c.started_at, c.outcome, c.from_number, c.talk_secs, c.source_name
         FROM calls c
        WHERE c.property_id = $1 AND c.direction = 'inbound' AND (c.from_number = $2 OR c.session_id = $3)
       ORDER BY at, id
       LIMIT $4`,
      [propertyId, lead.phone, lead.sessionId, limit],
    );
  }
}
