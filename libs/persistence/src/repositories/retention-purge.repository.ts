import type { DataSource } from 'typeorm';
import type { RecordingPurpose, RetentionBatchResult, WebhookEventType } from '@switchboard/contracts';
import type { RetentionCategory } from '@switchboard/domain';
import {
  conversionIdentifiable,
  formIdentifiable,
  scrubbedCallPages,
  scrubbedConversion,
  scrubbedEmail,
  scrubbedFormContent,
  scrubbedSession,
  sessionIdentifiable,
  tokenised,
  tokenisedAddress,
} from '../privacy/scrubbed-sql';

/** The categories whose expiry strips rows here (recordings go through the deleteRecording activity). */
export type StrippedCategory = Exclude<RetentionCategory, 'recordings' | 'voicemail'>;

/*
 * What each category's expiry does to a property's rows older than the cutoff (docs/privacy.md).
 * Rows are never deleted where reports count them: their personal content is stripped and the row
 * stays, so report totals, the rollups and counts do not change. Every statement picks only rows
 * not yet stripped (a token starts with `erased-`, a body is empty...), so a repeat does nothing,
 * and at most `limit` of them, so a run over millions of rows never holds a long transaction.
 *
 * Parameters of every statement: $1 property id, $2 cutoff, $3 limit.
 */

/** The property's account's privacy key, for privacy_token(). */
const KEY = `k AS (SELECT a.privacy_key AS key FROM properties p JOIN accounts a ON a.id = p.account_id WHERE p.id = $1)`;

/** A value as its one-way token under the property's account's key, unless it is one already (or null). */
const token = (column: string) => tokenised('k.key', column);

/** The number a call record identifies its caller by: the caller's, or the person an agent called. */
const CALLER = `(CASE WHEN c.direction = 'outbound' THEN c.to_number ELSE c.from_number END)`;

/** What the main statement of each category strips, and how its unit is counted (`FROM … WHERE …`). */
const CANDIDATES: Record<StrippedCategory, string> = {
  // Call records whose caller is still identifiable.
  callerData: `FROM calls c WHERE c.property_id = $1 AND c.started_at < $2 AND ${CALLER} NOT LIKE 'erased-%'`,
  // Calls that still have a transcript or pieces of one.
  transcripts: `FROM calls c WHERE c.property_id = $1 AND c.started_at < $2
    AND (c.transcript IS NOT NULL
      OR EXISTS (SELECT 1 FROM call_transcript_segments s WHERE s.workflow_id = c.workflow_id))`,
  // Text messages that still have a body.
  texts: `FROM text_messages m JOIN text_conversations t ON t.id = m.conversation_id
    WHERE t.property_id = $1 AND m.occurred_at < $2 AND m.body <> ''`,
  // Emails whose sender is still identifiable.
  emails: `FROM emails e WHERE e.property_id = $1 AND e.received_at < $2 AND e.from_address NOT LIKE 'erased-%'`,
  // Form submissions with anything personal left.
  forms: `FROM form_submissions f WHERE f.property_id = $1 AND f.submitted_at < $2 AND ${formIdentifiable('f')}`,
};

/** The visits of a batch's rows: what ties them to one browser and one ad click. */
const STRIP_SESSIONS = (ids: string) => `UPDATE visitor_sessions s SET ${scrubbedSession('s', 'k.key')}
  FROM k WHERE s.id IN (${ids}) AND ${sessionIdentifiable('s')}`;

/** Each category's main statement: strips one batch and selects `n`, how many it stripped. */
const STRIP: Record<StrippedCategory, string> = {
  callerData: `WITH ${KEY},
    batch AS (SELECT c.id, c.workflow_id, c.session_id ${CANDIDATES.callerData} ORDER BY c.started_at LIMIT $3),
    done AS (UPDATE calls c
      SET from_number = CASE WHEN c.direction = 'outbound' THEN c.from_number ELSE ${token('c.from_number')} END,
          to_number = CASE WHEN c.direction = 'outbound' THEN ${token('c.to_number')} ELSE c.to_number END,
          ${scrubbedCallPages('c')}
      FROM batch b, k WHERE c.id = b.id AND ${CALLER} NOT LIKE 'erased-%' RETURNING c.id),
    voicemail AS (UPDATE voicemail_messages v SET from_number = ${token('v.from_number')}
      FROM batch b, k WHERE v.call_id = b.id AND v.from_number NOT LIKE 'erased-%'),
    sessions AS (${STRIP_SESSIONS('SELECT session_id FROM batch WHERE session_id IS NOT NULL')}),
    events AS (DELETE FROM carrier_events e USING batch b WHERE e.workflow_id = b.workflow_id)
    SELECT count(*)::int AS n FROM done`,
  transcripts: `WITH batch AS (SELECT c.id, c.workflow_id ${CANDIDATES.transcripts} ORDER BY c.started_at LIMIT $3),
    pieces AS (DELETE FROM call_transcript_segments s USING batch b WHERE s.workflow_id = b.workflow_id),
    done AS (UPDATE calls c SET transcript = NULL FROM batch b WHERE c.id = b.id AND c.transcript IS NOT NULL)
    SELECT count(*)::int AS n FROM batch`,
  texts: `WITH batch AS (SELECT m.id ${CANDIDATES.texts} LIMIT $3),
    done AS (UPDATE text_messages m SET body = '' FROM batch b WHERE m.id = b.id AND m.body <> '' RETURNING m.id)
    SELECT count(*)::int AS n FROM done`,
  emails: `WITH ${KEY},
    batch AS (SELECT e.id ${CANDIDATES.emails} LIMIT $3),
    done AS (UPDATE emails e SET ${scrubbedEmail('e', 'k.key')}
      FROM batch b, k WHERE e.id = b.id AND e.from_address NOT LIKE 'erased-%' RETURNING e.id)
    SELECT count(*)::int AS n FROM done`,
  forms: `WITH ${KEY},
    batch AS (SELECT f.id, f.session_id ${CANDIDATES.forms} LIMIT $3),
    sessions AS (${STRIP_SESSIONS('SELECT session_id FROM batch WHERE session_id IS NOT NULL')}),
    done AS (UPDATE form_submissions f
      SET ${scrubbedFormContent('f')}, phone = ${token('f.phone')}, email = ${tokenisedAddress('k.key', 'f.email')}
      FROM batch b, k WHERE f.id = b.id RETURNING f.id)
    SELECT count(*)::int AS n FROM done`,
};

/** Webhook deliveries of these events carry the category's data: their payload is replaced. */
const WEBHOOK_EVENTS_OF: Record<StrippedCategory, readonly WebhookEventType[]> = {
  callerData: ['call.started', 'call.completed', 'voicemail.left'],
  transcripts: [],
  texts: ['text.received'],
  emails: ['email.received'],
  forms: ['form.submitted'],
};

/** What replaces a stripped delivery's payload: the delivery log keeps the row, not the data. */
export const REDACTED_PAYLOAD = { redacted: 'retention' } as const;

/** Statements beside the main one (each strips a batch and selects `n`); any full batch means more. */
const BESIDES: Record<StrippedCategory, string[]> = {
  callerData: [
    // Conversions sent back to the ad platforms: the contact details and click ids they carried.
    `WITH batch AS (SELECT c.id FROM conversions c WHERE c.property_id = $1 AND c.occurred_at < $2
        AND ${conversionIdentifiable('c')} LIMIT $3),
      done AS (UPDATE conversions c SET ${scrubbedConversion('c')} FROM batch b WHERE c.id = b.id RETURNING c.id)
      SELECT count(*)::int AS n FROM done`,
  ],
  transcripts: [],
  texts: [
    // A conversation's other party, once its last message is past the cutoff.
    `WITH ${KEY},
      batch AS (SELECT id FROM text_conversations WHERE property_id = $1 AND last_message_at < $2
        AND external_number NOT LIKE 'erased-%' LIMIT $3),
      done AS (UPDATE text_conversations t SET external_number = ${token('t.external_number')}
        FROM batch b, k WHERE t.id = b.id RETURNING t.id)
      SELECT count(*)::int AS n FROM done`,
    // Text notifications (the outbox of forwarded texts) hold the text itself.
    `WITH batch AS (SELECT delivery_id FROM text_notifications WHERE property_id = $1 AND created_at < $2 LIMIT $3),
      done AS (DELETE FROM text_notifications n USING batch b WHERE n.delivery_id = b.delivery_id RETURNING 1)
      SELECT count(*)::int AS n FROM done`,
  ],
  emails: [],
  forms: [],
};

const STRIP_WEBHOOKS = `WITH batch AS (SELECT id FROM webhook_deliveries
    WHERE property_id = $1 AND created_at < $2 AND event_type = ANY($4::text[])
      AND NOT payload @> $5::jsonb LIMIT $3),
  done AS (UPDATE webhook_deliveries w SET payload = $5::jsonb FROM batch b WHERE w.id = b.id RETURNING w.id)
  SELECT count(*)::int AS n FROM done`;

const EXPIRED_RECORDINGS = `FROM recordings r JOIN calls c ON c.workflow_id = r.workflow_id
  WHERE c.property_id = $1 AND r.purpose = $2 AND r.created_at < $3 AND r.status <> 'deleted'`;

/** The SQL of retention runs: counting and stripping what a property's policy says has expired. */
export class RetentionPurgeRepository {
  constructor(private readonly ds: DataSource) {}

  /** How many of the category's units (call records, messages, emails...) a run would strip now. */
  async count(category: StrippedCategory, propertyId: string, cutoff: string): Promise<number> {
    const [row]: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n ${CANDIDATES[category]}`, [
      propertyId,
      cutoff,
    ]);
    return row.n;
  }

  /**
   * Strips one batch of the category (at most `limit` rows per table): `removed` counts the
   * category's units, `more` says whether any table may have more.
   */
  async strip(
    category: StrippedCategory,
    propertyId: string,
    cutoff: string,
    limit: number,
  ): Promise<RetentionBatchResult> {
    const args = [propertyId, cutoff, limit];
    const [main]: { n: number }[] = await this.ds.query(STRIP[category], args);
    let more = main.n >= limit;
    for (const sql of BESIDES[category]) {
      const [row]: { n: number }[] = await this.ds.query(sql, args);
      more ||= row.n >= limit;
    }
    const events = WEBHOOK_EVENTS_OF[category];
    if (events.length > 0) {
      const [row]: { n: number }[] = await this.ds.query(STRIP_WEBHOOKS, [
        ...args,
        events,
        JSON.stringify(REDACTED_PAYLOAD),
      ]);
      more ||= row.n >= limit;
    }
    return { removed: main.n, more };
  }

  /** The property's recordings of this purpose older than the cutoff and not deleted yet, oldest first. */
  async expiredRecordings(
    propertyId: string,
    purpose: RecordingPurpose,
    cutoff: string,
    limit: number,
  ): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT r.id ${EXPIRED_RECORDINGS} ORDER BY r.created_at, r.id LIMIT $4`,
      [propertyId, purpose, cutoff, limit],
    );
    return rows.map((r) => r.id);
  }

  async countExpiredRecordings(
    propertyId: string,
    purpose: RecordingPurpose,
    cutoff: string,
  ): Promise<number> {
    const [row]: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n ${EXPIRED_RECORDINGS}`, [
      propertyId,
      purpose,
      cutoff,
    ]);
    return row.n;
  }
}
