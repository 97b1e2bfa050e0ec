import type { DataSource } from 'typeorm';
import type {
  ClickIds,
  ConversionDraft,
  ConversionLead,
  ConversionPlatform,
  ConversionRule,
  LeadKind,
  LeadStatus,
} from '@switchboard/domain';
import { managerOf, type Tx } from '../transaction';

/** A lead as production needs it: what the rules read, and what the platforms are told. */
export interface ConversionLeadRecord {
  propertyId: string;
  facts: ConversionLead;
  /** The lead's own time (a call's start, a form's submission): the conversion time sent. */
  occurredAt: Date;
  clickIds: ClickIds;
  phone: string | null;
  email: string | null;
  pageUrl: string | null;
  /** The property's enabled rules for this kind of lead. */
  rules: ConversionRule[];
}

export type ConversionDeliveryStatus = 'pending' | 'delivered' | 'rejected' | 'failed';

/** One delivery with everything an upload needs: the destination's config, the conversion, the time zone. */
export interface ConversionDeliveryToSend {
  id: string;
  status: ConversionDeliveryStatus;
  platform: ConversionPlatform;
  destinationEnabled: boolean;
  config: Record<string, string>;
  timeZone: string;
  conversion: {
    id: string;
    name: string;
    value: number | null;
    currency: string;
    occurredAt: Date;
    clickIds: ClickIds;
    phone: string | null;
    email: string | null;
    pageUrl: string | null;
  };
}

export interface ConversionDeliveryEntry {
  id: string;
  destinationId: string;
  platform: ConversionPlatform;
  status: ConversionDeliveryStatus;
  attempts: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** A conversion in the delivery log, with each of its deliveries. */
export interface ConversionLogEntry {
  id: string;
  ruleId: string | null;
  name: string;
  leadKind: LeadKind;
  leadId: string;
  occurredAt: Date;
  value: number | null;
  currency: string;
  clickIds: ClickIds;
  createdAt: Date;
  deliveries: ConversionDeliveryEntry[];
}

export interface ConversionLogQuery {
  status?: ConversionDeliveryStatus;
  platform?: ConversionPlatform;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** A conversion for a Google Ads upload file. */
export interface ConversionForUpload {
  id: string;
  name: string;
  value: number | null;
  currency: string;
  occurredAt: Date;
  clickIds: ClickIds;
  phone: string | null;
  email: string | null;
  pageUrl: string | null;
}

const RULE_COLUMNS = `id, name, value::float8 AS value, currency, "when", destination_ids::text[] AS "destinationIds", enabled`;

interface CallLeadRow {
  id: string;
  propertyId: string;
  outcome: string;
  talkSecs: number;
  leadStatus: LeadStatus;
  priorCalls: number | null;
  source: string | null;
  phone: string;
  occurredAt: Date;
  pageUrl: string | null;
  clickIds: ClickIds;
}

/**
 * Conversions produced for leads (one per rule and lead: the table's unique key) and their
 * deliveries to each destination: the outbox the `deliverConversion` workflows work from, and the
 * delivery log.
 */
export class ConversionRepository {
  constructor(private readonly ds: DataSource) {}

  /** Stored calls as leads, with their property's enabled call rules; calls of no property are left out. */
  async callLeads(callIds: readonly string[], tx?: Tx): Promise<ConversionLeadRecord[]> {
    const m = managerOf(this.ds, tx);
    const rows: CallLeadRow[] = await m.query(
      `SELECT c.id, c.property_id AS "propertyId", c.outcome, c.talk_secs AS "talkSecs",
              c.lead_status AS "leadStatus", c.prior_calls AS "priorCalls", c.source_name AS source,
              c.from_number AS phone, c.started_at AS "occurredAt", c.landing_page AS "pageUrl",
              COALESCE(v.click_ids, '{}'::jsonb) AS "clickIds"
         FROM calls c LEFT JOIN visitor_sessions v ON v.id = c.session_id
        WHERE c.id = ANY($1::uuid[]) AND c.property_id IS NOT NULL
        ORDER BY c.id`,
      [callIds],
    );
    const rulesOf = new Map<string, ConversionRule[]>();
    for (const propertyId of new Set(rows.map((r) => r.propertyId)))
      rulesOf.set(propertyId, await this.enabledRules(propertyId, 'call', tx));
    return rows.map((r) => ({
      propertyId: r.propertyId,
      facts: {
        kind: 'call',
        id: r.id,
        answered: r.outcome === 'answered',
        talkSeconds: r.talkSecs,
        leadStatus: r.leadStatus,
        firstTime: r.priorCalls === null ? null : r.priorCalls === 0,
        source: r.source,
      },
      occurredAt: r.occurredAt,
      clickIds: r.clickIds,
      phone: r.phone,
      email: null,
      pageUrl: r.pageUrl,
      rules: rulesOf.get(r.propertyId) ?? [],
    }));
  }

  /** The property's enabled rules for one kind of lead. */
  async enabledRules(propertyId: string, leadKind: LeadKind, tx?: Tx): Promise<ConversionRule[]> {
    return managerOf(this.ds, tx).query(
      `SELECT ${RULE_COLUMNS} FROM conversion_rules
        WHERE property_id = $1 AND enabled AND "when"->>'leadKind' = $2 ORDER BY created_at, id`,
      [propertyId, leadKind],
    );
  }

  /**
   * Stores the lead's conversions (a conversion already stored for the same rule and lead is kept
   * as it is) and a delivery for each of the rule's enabled destinations that is uploaded to
   * (Google Ads destinations in csv mode are downloaded instead). Returns the lead's deliveries
   * still pending, new or not: starting their workflows again is harmless (ids are unique).
   */
  async produce(lead: ConversionLeadRecord, drafts: readonly ConversionDraft[], tx?: Tx): Promise<string[]> {
    const m = managerOf(this.ds, tx);
    for (const d of drafts) {
      await m.query(
        `WITH ins AS (
           INSERT INTO conversions (property_id, rule_id, lead_kind, lead_id, occurred_at, value, currency, name,
                                    click_ids, phone, email, page_url)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)
           ON CONFLICT (rule_id, lead_kind, lead_id) DO NOTHING RETURNING id),
         conv AS (
           SELECT id FROM ins
           UNION ALL SELECT id FROM conversions WHERE rule_id = $2 AND lead_kind = $3 AND lead_id = $4)
         INSERT INTO conversion_deliveries (conversion_id, destination_id, property_id, platform)
         SELECT conv.id, dst.id, dst.property_id, dst.platform
           FROM conv CROSS JOIN conversion_destinations dst
          WHERE dst.property_id = $1 AND dst.id = ANY($13::uuid[]) AND dst.enabled
            AND (dst.config->>'mode') IS DISTINCT FROM 'csv'
         ON CONFLICT (conversion_id, destination_id) DO NOTHING`,
        [
          lead.propertyId,
          d.ruleId,
          d.leadKind,
          d.leadId,
          lead.occurredAt,
          d.value,
          d.currency,
          d.name,
          JSON.stringify(lead.clickIds),
          lead.phone,
          lead.email,
          lead.pageUrl,
          d.destinationIds,
        ],
      );
    }
    const rows: { id: string }[] = await m.query(
      `SELECT d.id FROM conversion_deliveries d JOIN conversions c ON c.id = d.conversion_id
        WHERE c.lead_kind = $1 AND c.lead_id = $2 AND c.property_id = $3 AND d.status = 'pending'
        ORDER BY d.created_at, d.id`,
      [lead.facts.kind, lead.facts.id, lead.propertyId],
    );
    return rows.map((r) => r.id);
  }

  async toSend(deliveryId: string): Promise<ConversionDeliveryToSend | null> {
    const rows: (Omit<ConversionDeliveryToSend, 'conversion'> & {
      c: ConversionDeliveryToSend['conversion'] & { occurredAt: string };
    })[] = await this.ds.query(
      `SELECT d.id, d.status, d.platform, dst.enabled AS "destinationEnabled", dst.config, p.time_zone AS "timeZone",
              json_build_object('id', c.id, 'name', c.name, 'value', c.value::float8, 'currency', c.currency,
                'occurredAt', c.occurred_at, 'clickIds', c.click_ids, 'phone', c.phone, 'email', c.email,
                'pageUrl', c.page_url) AS c
         FROM conversion_deliveries d
         JOIN conversions c ON c.id = d.conversion_id
         JOIN conversion_destinations dst ON dst.id = d.destination_id
         JOIN properties p ON p.id = d.property_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    const row = rows[0];
    if (!row) return null;
    const { c, ...rest } = row;
    return { ...rest, conversion: { ...c, occurredAt: new Date(c.occurredAt) } };
  }

  /**
   * One attempt's outcome: `delivered` and `rejected` are final (a delivery already final stays as
   * it was), `pending` waits for the next attempt. The error is the platform's code and message.
   */
  async recordAttempt(
    deliveryId: string,
    a: { status: 'delivered' | 'rejected' | 'pending'; code: string | null; message: string | null },
  ): Promise<void> {
    await this.ds.query(
      `UPDATE conversion_deliveries
          SET attempts = attempts + 1, status = $2, last_error_code = $3, last_error_message = $4,
              delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
        WHERE id = $1 AND status = 'pending'`,
      [deliveryId, a.status, a.code, a.message],
    );
  }

  /** Retrying ran out (or the destination is gone or off): failed, with why. */
  async markFailed(deliveryId: string, code: string | null, message: string | null): Promise<void> {
    await this.ds.query(
      `UPDATE conversion_deliveries SET status = 'failed',
              last_error_code = COALESCE($2, last_error_code), last_error_message = COALESCE($3, last_error_message)
        WHERE id = $1 AND status = 'pending'`,
      [deliveryId, code, message],
    );
  }

  /** Deliveries never attempted, created between `withinSecs` and `olderThanSecs` ago: their start may be lost. */
  async stranded(olderThanSecs: number, withinSecs: number, limit = 500): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM conversion_deliveries
        WHERE status = 'pending' AND attempts = 0
          AND created_at < now() - make_interval(secs => $1)
          AND created_at > now() - make_interval(secs => $2)
        ORDER BY created_at LIMIT $3`,
      [olderThanSecs, withinSecs, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The property's conversions, newest first, each with its deliveries. `status` and `platform`
   * keep the conversions with a delivery of that status or platform; from/to bound the lead's time.
   */
  async log(
    propertyId: string,
    q: ConversionLogQuery,
  ): Promise<{ items: ConversionLogEntry[]; total: number }> {
    const where = `c.property_id = $1
      AND ($2::timestamptz IS NULL OR c.occurred_at >= $2) AND ($3::timestamptz IS NULL OR c.occurred_at < $3)
      AND (($4::text IS NULL AND $5::text IS NULL) OR EXISTS (
            SELECT 1 FROM conversion_deliveries f WHERE f.conversion_id = c.id
               AND ($4::text IS NULL OR f.status = $4) AND ($5::text IS NULL OR f.platform = $5)))`;
    const params = [propertyId, q.from ?? null, q.to ?? null, q.status ?? null, q.platform ?? null];
    const [items, [count]] = await Promise.all([
      this.ds.query<ConversionLogEntry[]>(
        `SELECT c.id, c.rule_id AS "ruleId", c.name, c.lead_kind AS "leadKind", c.lead_id AS "leadId",
                c.occurred_at AS "occurredAt", c.value::float8 AS value, c.currency, c.click_ids AS "clickIds",
                c.created_at AS "createdAt",
                COALESCE((SELECT json_agg(json_build_object(
                    'id', d.id, 'destinationId', d.destination_id, 'platform', d.platform, 'status', d.status,
                    'attempts', d.attempts, 'lastErrorCode', d.last_error_code,
                    'lastErrorMessage', d.last_error_message, 'createdAt', d.created_at,
                    'deliveredAt', d.delivered_at) ORDER BY d.created_at, d.id)
                  FROM conversion_deliveries d WHERE d.conversion_id = c.id), '[]'::json) AS deliveries
           FROM conversions c WHERE ${where}
          ORDER BY c.occurred_at DESC, c.id LIMIT $6 OFFSET $7`,
        [...params, q.limit, q.offset],
      ),
      this.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM conversions c WHERE ${where}`, params),
    ]);
    return { items, total: count.n };
  }

  /**
   * The conversions a Google Ads destination in csv mode is given by download: those of the rules
   * that name it now, whose lead's time is in [from, to), oldest first, with the property's time zone.
   */
  async forUpload(
    propertyId: string,
    destinationId: string,
    from: string | null,
    to: string | null,
  ): Promise<{ timeZone: string; conversions: ConversionForUpload[] }> {
    const [p]: { timeZone: string }[] = await this.ds.query(
      `SELECT time_zone AS "timeZone" FROM properties WHERE id = $1`,
      [propertyId],
    );
    const conversions: ConversionForUpload[] = await this.ds.query(
      `SELECT c.id, c.name, c.value::float8 AS value, c.currency, c.occurred_at AS "occurredAt",
              c.click_ids AS "clickIds", c.phone, c.email, c.page_url AS "pageUrl"
         FROM conversions c JOIN conversion_rules r ON r.id = c.rule_id
        WHERE c.property_id = $1 AND $2::uuid = ANY (r.destination_ids)
          AND ($3::timestamptz IS NULL OR c.occurred_at >= $3) AND ($4::timestamptz IS NULL OR c.occurred_at < $4)
        ORDER BY c.occurred_at, c.id`,
      [propertyId, destinationId, from, to],
    );
    return { timeZone: p?.timeZone ?? 'UTC', conversions };
  }
}
