import type { DataSource } from 'typeorm';
import { phoneDigitForms, type PrivacySubjectKind } from '@switchboard/domain';
import {
  conversionIdentifiable,
  scrubbedCallPages,
  scrubbedConversion,
  scrubbedEmail,
  scrubbedFormContent,
  scrubbedSession,
  sessionIdentifiable,
  tokenisedAddress,
} from '../privacy/scrubbed-sql';
import { managerOf, type Tx } from '../transaction';

/**
 * The person an erasure is about, as its SQL needs them: the account, the value (E.164 or a
 * lower-case address) and its token (privacy_token of the value under the account's key).
 */
export interface ErasureSubject {
  accountId: string;
  kind: PrivacySubjectKind;
  value: string;
  token: string;
}

/** `$1` account, `$2` value, `$3` token: the parameters every statement below starts with. */
const params = (s: ErasureSubject) => [s.accountId, s.value, s.token];

/**
 * The person's calls in the account: inbound calls from the number, outbound calls to it, found
 * by the number or by its token so that a repeated erasure finds what it already tokenised.
 */
const PERSON_CALLS = `
  SELECT c.id, c.workflow_id, c.session_id FROM calls c JOIN properties p ON p.id = c.property_id
   WHERE p.account_id = $1
     AND (c.from_number IN ($2, $3) OR (c.direction = 'outbound' AND c.to_number IN ($2, $3)))`;

/** The person's text conversations (by number or token). */
const PERSON_CONVERSATIONS = `
  SELECT t.id, t.session_id FROM text_conversations t JOIN properties p ON p.id = t.property_id
   WHERE p.account_id = $1 AND t.external_number IN ($2, $3)`;

/**
 * The person's forms: the phone as stored (E.164, its token, or as typed when it did not parse:
 * matched on its digits, `$4`) or the address (any case, or its token).
 */
const PERSON_FORMS = `
  SELECT f.id, f.session_id FROM form_submissions f JOIN properties p ON p.id = f.property_id
   WHERE p.account_id = $1
     AND (f.phone IN ($2, $3) OR f.email = $3 OR lower(f.email) = $2
          OR regexp_replace(f.phone, '\\D', '', 'g') = ANY($4::text[]))`;

/** Emails from the address, bare or with a display name, or from its token. */
const PERSON_EMAILS = `
  SELECT e.id FROM emails e JOIN properties p ON p.id = e.property_id
   WHERE p.account_id = $1
     AND (e.from_address = $3 OR lower(e.from_address) = $2 OR lower(e.from_address) LIKE '%<' || $2 || '>')`;

/**
 * All SQL of an erasure (docs/privacy-requests.md), one method per kind of data. Each is
 * idempotent (it finds the person's rows by value or token and changes only what is still there)
 * and returns how many of the person's records it changed, so a repeat counts 0.
 */
export class ErasureRepository {
  constructor(private readonly ds: DataSource) {}

  /** Workflow ids of the person's calls in the account (recordings and histories hang off them). */
  async callWorkflowIds(s: ErasureSubject): Promise<string[]> {
    if (s.kind !== 'phone') return [];
    const rows: { workflow_id: string }[] = await this.ds.query(PERSON_CALLS, params(s));
    return rows.map((r) => r.workflow_id);
  }

  /** The account's property ids: a running call is found by its PropertyId search attribute. */
  async propertyIds(accountId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM properties WHERE account_id = $1`, [
      accountId,
    ]);
    return rows.map((r) => r.id);
  }

  /** Recordings (conversation and voicemail) of the person's calls not yet deleted. */
  async recordingIds(s: ErasureSubject): Promise<string[]> {
    if (s.kind !== 'phone') return [];
    const rows: { id: string }[] = await this.ds.query(
      `WITH person AS (${PERSON_CALLS})
       SELECT r.id FROM recordings r WHERE r.workflow_id IN (SELECT workflow_id FROM person) AND r.status <> 'deleted'
        ORDER BY r.created_at`,
      params(s),
    );
    return rows.map((r) => r.id);
  }

  /**
   * The person's calls: transcripts, what an `ask` step heard (the path keeps the step, not the
   * words), the carrier's events, voicemail messages' number and link, score notes, the visits
   * the calls came from, and the number itself (its token: reports and repeat-caller counts stay
   * consistent, and a new call from the number no longer matches). Returns the calls tokenised.
   */
  async eraseCalls(s: ErasureSubject, tx?: Tx): Promise<number> {
    if (s.kind !== 'phone') return 0;
    const m = managerOf(this.ds, tx);
    const p = params(s);
    const person = `WITH person AS (${PERSON_CALLS})`;
    await m.query(
      `${person} DELETE FROM call_transcript_segments WHERE workflow_id IN (SELECT workflow_id FROM person)`,
      p,
    );
    await m.query(
      `${person} DELETE FROM carrier_events WHERE workflow_id IN (SELECT workflow_id FROM person)`,
      p,
    );
    await m.query(
      `${person} UPDATE voicemail_messages v SET from_number = $3, recording_url = ''
        FROM properties pr
       WHERE pr.id = v.property_id AND pr.account_id = $1
         AND (v.call_id IN (SELECT id FROM person) OR v.from_number = $2)
         AND (v.from_number <> $3 OR v.recording_url <> '')`,
      p,
    );
    await m.query(
      `${person} UPDATE call_score_changes SET note = NULL
        WHERE call_id IN (SELECT id FROM person) AND note IS NOT NULL`,
      p,
    );
    await this.scrubSessions(`${person} SELECT session_id FROM person`, p, tx);
    const [, changed]: [unknown, number] = await m.query(
      `${person}
       UPDATE calls c SET
         from_number = CASE WHEN c.from_number = $2 THEN $3 ELSE c.from_number END,
         to_number = CASE WHEN c.direction = 'outbound' AND c.to_number = $2 THEN $3 ELSE c.to_number END,
         transcript = NULL, recording_url = NULL, ${scrubbedCallPages('c')},
         path = COALESCE((
           SELECT jsonb_agg(
                    CASE WHEN e ? 'detail' AND e->>'step' IN (
                           SELECT st->>'id' FROM call_flow_versions v
                             CROSS JOIN jsonb_array_elements(v.definition->'steps') st
                            WHERE v.flow_id = c.call_flow_id AND v.version = c.call_flow_version
                              AND st->>'type' = 'ask')
                         THEN jsonb_set(e, '{detail}', '"erased"') ELSE e END ORDER BY ord)
             FROM jsonb_array_elements(c.path) WITH ORDINALITY AS x(e, ord)), c.path)
        WHERE c.id IN (SELECT id FROM person) AND (c.from_number = $2 OR c.to_number = $2)`,
      p,
    );
    return changed;
  }

  /**
   * The person's text conversations: every message's body emptied, the number tokenised, the
   * notifications still waiting to be sent (their bodies quote the texts) and the carrier's
   * message events deleted, their visits scrubbed. Returns the conversations tokenised.
   */
  async eraseTexts(s: ErasureSubject, tx?: Tx): Promise<number> {
    if (s.kind !== 'phone') return 0;
    const m = managerOf(this.ds, tx);
    const p = params(s);
    const person = `WITH person AS (${PERSON_CONVERSATIONS})`;
    // Message events are stored without a workflow: found by their event id, or the message's id.
    await m.query(
      `${person}, messages AS (SELECT event_id, carrier_id FROM text_messages WHERE conversation_id IN (SELECT id FROM person))
       DELETE FROM carrier_events ce
        WHERE ce.workflow_id IS NULL
          AND (ce.id IN (SELECT event_id FROM messages WHERE event_id IS NOT NULL)
               OR ce.payload #>> '{data,payload,id}' IN (SELECT carrier_id FROM messages WHERE carrier_id IS NOT NULL))`,
      p,
    );
    await m.query(
      `${person} UPDATE text_messages SET body = '' WHERE conversation_id IN (SELECT id FROM person) AND body <> ''`,
      p,
    );
    await m.query(
      `DELETE FROM text_notifications n USING properties pr
        WHERE pr.id = n.property_id AND pr.account_id = $1 AND strpos(n.body, $2) > 0`,
      [s.accountId, s.value],
    );
    await this.scrubSessions(`${person} SELECT session_id FROM person`, p, tx);
    const [, changed]: [unknown, number] = await m.query(
      `${person} UPDATE text_conversations SET external_number = $3
        WHERE id IN (SELECT id FROM person) AND external_number = $2`,
      p,
    );
    return changed;
  }

  /** Emails from the address: sender tokenised, subject and bodies emptied. Returns the emails changed. */
  async eraseEmails(s: ErasureSubject, tx?: Tx): Promise<number> {
    if (s.kind !== 'email') return 0;
    const [, changed]: [unknown, number] = await managerOf(this.ds, tx).query(
      `WITH person AS (${PERSON_EMAILS})
       UPDATE emails e SET ${scrubbedEmail('e', 'a.privacy_key')}
         FROM properties pr JOIN accounts a ON a.id = pr.account_id
        WHERE pr.id = e.property_id AND e.id IN (SELECT id FROM person) AND e.from_address NOT LIKE 'erased-%'`,
      params(s),
    );
    return changed;
  }

  /**
   * Forms with the phone or the address: every field the visitor typed gone, phone and email
   * tokenised (each by its own value, so a later erasure by the other finds it), the visitor id
   * and the page's query string dropped, their visits scrubbed. Returns the forms changed.
   */
  async eraseForms(s: ErasureSubject, tx?: Tx): Promise<number> {
    const m = managerOf(this.ds, tx);
    const p = [...params(s), s.kind === 'phone' ? phoneDigitForms(s.value) : []];
    const person = `WITH person AS (${PERSON_FORMS})`;
    await this.scrubSessions(`${person} SELECT session_id FROM person`, p, tx);
    const [, changed]: [unknown, number] = await m.query(
      `${person}
       UPDATE form_submissions f SET ${scrubbedFormContent('f')},
         phone = CASE WHEN f.phone IS NULL OR f.phone LIKE 'erased-%' THEN f.phone
                      WHEN f.phone = $2 OR regexp_replace(f.phone, '\\D', '', 'g') = ANY($4::text[]) THEN $3
                      ELSE privacy_token(a.privacy_key, f.phone) END,
         email = ${tokenisedAddress('a.privacy_key', 'f.email')}
         FROM properties pr JOIN accounts a ON a.id = pr.account_id
        WHERE pr.id = f.property_id AND f.id IN (SELECT id FROM person)
          AND (f.phone NOT LIKE 'erased-%' OR f.email NOT LIKE 'erased-%' OR f.fields::text <> '{}')`,
      p,
    );
    return changed;
  }

  /**
   * Conversions of the person's calls and forms, or naming their phone or address: phone and
   * email dropped (a token is useless to an ad platform), click ids and the page's query string
   * gone; the conversion itself stays for the reports. Returns the conversions changed.
   */
  async eraseConversions(s: ErasureSubject, tx?: Tx): Promise<number> {
    const p = [...params(s), s.kind === 'phone' ? phoneDigitForms(s.value) : []];
    const [, changed]: [unknown, number] = await managerOf(this.ds, tx).query(
      `WITH calls_of AS (${PERSON_CALLS}), forms_of AS (${PERSON_FORMS})
       UPDATE conversions c SET ${scrubbedConversion('c')}
         FROM properties pr
        WHERE pr.id = c.property_id AND pr.account_id = $1
          AND ((c.lead_kind = 'call' AND c.lead_id IN (SELECT id::text FROM calls_of))
               OR (c.lead_kind = 'form' AND c.lead_id IN (SELECT id::text FROM forms_of))
               OR c.phone = $2 OR lower(c.email) = $2)
          AND ${conversionIdentifiable('c')}`,
      p,
    );
    return changed;
  }

  /**
   * Webhook deliveries whose payload names the person (the number, its digits, the address) or
   * one of their calls, texts, emails or forms: the payload becomes a small redacted object
   * naming the erasure; the row stays for the delivery log. Returns the deliveries redacted.
   */
  async redactWebhooks(s: ErasureSubject, erasureId: string, tx?: Tx): Promise<number> {
    const needles = s.kind === 'phone' ? [s.value, ...phoneDigitForms(s.value)] : [s.value];
    const [, changed]: [unknown, number] = await managerOf(this.ds, tx).query(
      `WITH needles AS (
         SELECT unnest($4::text[]) AS n
         UNION SELECT id::text FROM (${PERSON_CALLS}) x
         UNION SELECT id::text FROM (${PERSON_CONVERSATIONS}) x
         UNION SELECT id::text FROM (${PERSON_EMAILS}) x
         UNION SELECT id::text FROM (${PERSON_FORMS.replace('ANY($4::text[])', 'ANY($5::text[])')}) x)
       UPDATE webhook_deliveries d SET payload = jsonb_build_object('redacted', true, 'erasureId', $6::text)
         FROM properties pr
        WHERE pr.id = d.property_id AND pr.account_id = $1 AND NOT (d.payload ? 'redacted')
          AND EXISTS (SELECT 1 FROM needles WHERE strpos(lower(d.payload::text), lower(n)) > 0)`,
      [...params(s), needles, s.kind === 'phone' ? phoneDigitForms(s.value) : [], erasureId],
    );
    return changed;
  }

  /**
   * A visit's ways back to the person: the browser's visitor id and client key, the ad
   * platforms' click ids, the query strings of its pages. Its source and campaign stay.
   */
  private async scrubSessions(sessionIds: string, p: unknown[], tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE visitor_sessions vs SET ${scrubbedSession('vs', 'a.privacy_key')}
         FROM properties pr JOIN accounts a ON a.id = pr.account_id
        WHERE pr.id = vs.property_id AND pr.account_id = $1
          AND vs.id IN (SELECT session_id FROM (${sessionIds}) s WHERE session_id IS NOT NULL)
          AND ${sessionIdentifiable('vs')}`,
      p,
    );
  }
}
