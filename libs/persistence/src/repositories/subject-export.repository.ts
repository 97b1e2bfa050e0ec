import type { DataSource } from 'typeorm';
import { phoneDigitForms, type PrivacySubject } from '@switchboard/domain';

/** One row of the export: plain JSON, the columns named as the api names them. */
export type ExportRow = Record<string, unknown>;

/** Everything held about one person in one account, by kind (docs/privacy-requests.md "Exports"). */
export interface SubjectData {
  calls: (ExportRow & { workflowId: string })[];
  voicemails: ExportRow[];
  textConversations: ExportRow[];
  emails: ExportRow[];
  forms: ExportRow[];
  visitorSessions: ExportRow[];
  conversions: ExportRow[];
}

/**
 * Reads what an export holds. The person is found by the value itself, never by its token: after
 * an erasure nothing of theirs is found, which is what "nothing remains" means to them.
 */
export class SubjectExportRepository {
  constructor(private readonly ds: DataSource) {}

  async collect(accountId: string, s: PrivacySubject): Promise<SubjectData> {
    const phone = s.kind === 'phone' ? s.value : null;
    const email = s.kind === 'email' ? s.value : null;
    const digits = phone ? phoneDigitForms(phone) : [];
    const q = <T = ExportRow>(sql: string, p: unknown[]): Promise<T[]> => this.ds.query(sql, p);

    const calls = await q<ExportRow & { workflowId: string }>(
      `SELECT c.id, c.workflow_id AS "workflowId", c.property_id AS "propertyId", pr.name AS "propertyName",
              c.direction, c.from_number AS "from", c.to_number AS "to", c.started_at AS "startedAt",
              c.answered_at AS "answeredAt", c.ended_at AS "endedAt", c.duration_secs AS "durationSecs",
              c.talk_secs AS "talkSecs", c.outcome, c.answered_by AS "answeredBy", c.agent_name AS "agentName",
              c.path, c.prior_calls AS "priorCalls", c.session_id AS "sessionId", c.score, c.lead_status AS "leadStatus",
              json_build_object('source', c.source_name, 'keyword', c.keyword, 'campaign', c.campaign,
                'landingPage', c.landing_page, 'activePage', c.active_page, 'referrer', c.referrer,
                'utmSource', c.utm_source, 'utmMedium', c.utm_medium, 'utmCampaign', c.utm_campaign,
                'utmTerm', c.utm_term, 'utmContent', c.utm_content) AS attribution,
              COALESCE((SELECT json_agg(json_build_object('speaker', t.speaker, 'text', t.text, 'at', t.occurred_at)
                                        ORDER BY t.seq)
                          FROM call_transcript_segments t WHERE t.workflow_id = c.workflow_id), '[]'::json) AS transcript,
              (SELECT json_agg(json_build_object('at', sc.changed_at, 'action', sc.action, 'note', sc.note)
                               ORDER BY sc.changed_at)
                 FROM call_score_changes sc WHERE sc.call_id = c.id AND sc.note IS NOT NULL) AS "scoreNotes"
         FROM calls c JOIN properties pr ON pr.id = c.property_id
        WHERE pr.account_id = $1
          AND (c.from_number = $2 OR (c.direction = 'outbound' AND c.to_number = $2))
        ORDER BY c.started_at`,
      [accountId, phone],
    );
    const voicemails = await q(
      `SELECT v.id, v.call_id AS "callId", v.property_id AS "propertyId", v.from_number AS "from",
              v.duration_secs AS "durationSecs", v.received_at AS "receivedAt", v.heard_at AS "heardAt"
         FROM voicemail_messages v JOIN properties pr ON pr.id = v.property_id
        WHERE pr.account_id = $1 AND v.from_number = $2
        ORDER BY v.received_at`,
      [accountId, phone],
    );
    const textConversations = await q(
      `SELECT t.id, t.property_id AS "propertyId", t.external_number AS "number", t.tracking_number AS "trackingNumber",
              t.source_name AS "source", t.opted_out AS "optedOut", t.created_at AS "startedAt",
              t.lead_status AS "leadStatus", t.session_id AS "sessionId",
              COALESCE((SELECT json_agg(json_build_object('direction', m.direction, 'kind', m.kind, 'body', m.body,
                                                          'status', m.status, 'at', m.occurred_at)
                                        ORDER BY m.occurred_at, m.created_at)
                          FROM text_messages m WHERE m.conversation_id = t.id), '[]'::json) AS messages
         FROM text_conversations t JOIN properties pr ON pr.id = t.property_id
        WHERE pr.account_id = $1 AND t.external_number = $2
        ORDER BY t.created_at`,
      [accountId, phone],
    );
    const emails = await q(
      `SELECT e.id, e.property_id AS "propertyId", e.source_name AS "source", e.from_address AS "from",
              e.recipient, e.to_addresses AS "to", e.cc_addresses AS "cc", e.subject, e.text_body AS "text",
              e.html_body AS "html", e.received_at AS "receivedAt"
         FROM emails e JOIN properties pr ON pr.id = e.property_id
        WHERE pr.account_id = $1
          AND (lower(e.from_address) = $2 OR lower(e.from_address) LIKE '%<' || $2 || '>')
        ORDER BY e.received_at`,
      [accountId, email],
    );
    const forms = await q(
      `SELECT f.id, f.property_id AS "propertyId", f.session_id AS "sessionId", f.form_name AS "formName",
              f.page_url AS "pageUrl", f.fields, f.name, f.phone, f.email, f.message,
              f.source_name AS "source", f.submitted_at AS "submittedAt"
         FROM form_submissions f JOIN properties pr ON pr.id = f.property_id
        WHERE pr.account_id = $1
          AND (f.phone = $2 OR regexp_replace(f.phone, '\\D', '', 'g') = ANY($3::text[]) OR lower(f.email) = $4)
        ORDER BY f.submitted_at`,
      [accountId, phone, digits, email],
    );
    // The visits the calls, texts and forms came from.
    const sessionIds = [...calls, ...textConversations, ...forms]
      .map((r) => r.sessionId)
      .filter((id): id is string => typeof id === 'string');
    const visitorSessions = await q(
      `SELECT vs.id, vs.property_id AS "propertyId", vs.visitor_id AS "visitorId", vs.landing_url AS "landingUrl",
              vs.referrer, vs.active_page AS "activePage", vs.utm_source AS "utmSource", vs.utm_medium AS "utmMedium",
              vs.utm_campaign AS "utmCampaign", vs.utm_term AS "utmTerm", vs.utm_content AS "utmContent",
              vs.keyword, vs.campaign, vs.click_ids AS "clickIds", vs.started_at AS "startedAt",
              vs.last_seen_at AS "lastSeenAt"
         FROM visitor_sessions vs JOIN properties pr ON pr.id = vs.property_id
        WHERE pr.account_id = $1 AND vs.id = ANY($2::uuid[])
        ORDER BY vs.started_at`,
      [accountId, [...new Set(sessionIds)]],
    );
    const conversions = await q(
      `SELECT c.id, c.property_id AS "propertyId", c.lead_kind AS "leadKind", c.lead_id AS "leadId", c.name,
              c.occurred_at AS "occurredAt", c.value::float8 AS value, c.currency, c.phone, c.email,
              c.click_ids AS "clickIds", c.page_url AS "pageUrl"
         FROM conversions c JOIN properties pr ON pr.id = c.property_id
        WHERE pr.account_id = $1
          AND ((c.lead_kind = 'call' AND c.lead_id = ANY($2::text[]))
               OR (c.lead_kind = 'form' AND c.lead_id = ANY($3::text[]))
               OR c.phone = $4 OR lower(c.email) = $5)
        ORDER BY c.occurred_at`,
      [accountId, calls.map((c) => c.id), forms.map((f) => f.id), phone, email],
    );
    return { calls, voicemails, textConversations, emails, forms, visitorSessions, conversions };
  }
}
