import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../db-errors';

export type ForwardStatus = 'pending' | 'sending' | 'forwarded' | 'forward_failed' | 'no_destination';

export interface TrackedAddressRow {
  propertyId: string;
  sourceId: string;
  sourceName: string;
  localPart: string;
  createdAt: Date;
}

/** How forwarding a message went. */
type Forwarding = 'forwardStatus' | 'forwardTo' | 'forwardError' | 'forwardAttempts' | 'forwardedAt';

export interface EmailRow {
  id: string;
  propertyId: string;
  sourceId: string | null;
  sourceName: string;
  messageId: string;
  recipient: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string | null;
  html: string | null;
  truncated: boolean;
  receivedAt: Date;
  forwardStatus: ForwardStatus;
  forwardTo: string | null;
  forwardError: string | null;
  forwardAttempts: number;
  forwardedAt: Date | null;
  createdAt: Date;
}

/** A message as it is stored: its bodies already cut to what is kept (`truncated` says so). */
export interface NewEmail extends Omit<EmailRow, 'id' | 'sourceId' | Forwarding | 'createdAt'> {
  sourceId: string;
}

const EMAIL_COLUMNS = `
  id, property_id AS "propertyId", source_id AS "sourceId", source_name AS "sourceName",
  message_id AS "messageId", recipient, from_address AS "from", to_addresses AS "to",
  cc_addresses AS "cc", subject, text_body AS "text", html_body AS "html", truncated,
  received_at AS "receivedAt", forward_status AS "forwardStatus", forward_to AS "forwardTo",
  forward_error AS "forwardError", forward_attempts AS "forwardAttempts",
  forwarded_at AS "forwardedAt", created_at AS "createdAt"`;

/**
 * Tracked email: sources' inbound addresses, where a property's mail is forwarded, and the
 * messages received, with how their forwarding went.
 */
export class EmailRepository {
  constructor(private readonly ds: DataSource) {}

  async address(propertyId: string, sourceId: string): Promise<TrackedAddressRow | null> {
    const rows = await this.ds.query<TrackedAddressRow[]>(
      `SELECT a.property_id AS "propertyId", a.source_id AS "sourceId", s.name AS "sourceName",
              a.local_part AS "localPart", a.created_at AS "createdAt"
         FROM source_email_addresses a JOIN tracking_sources s ON s.id = a.source_id
        WHERE a.source_id = $1 AND a.property_id = $2`,
      [sourceId, propertyId],
    );
    return rows[0] ?? null;
  }

  /**
   * Gives the source the address `localPart` unless it has one (the source id is the key, so
   * concurrent first requests agree): whether it was given, or `'taken'` when another address
   * has that local part.
   */
  async addAddress(propertyId: string, sourceId: string, localPart: string): Promise<boolean | 'taken'> {
    try {
      const inserted = await this.ds.query<unknown[]>(
        `INSERT INTO source_email_addresses (source_id, property_id, local_part) VALUES ($1, $2, $3)
         ON CONFLICT (source_id) DO NOTHING RETURNING source_id`,
        [sourceId, propertyId, localPart],
      );
      return inserted.length > 0;
    } catch (err) {
      if (isUniqueViolation(err, 'uq_source_email_addresses_local_part')) return 'taken';
      throw err;
    }
  }

  /** The tracked addresses among these local parts (already lower-cased), with their sources. */
  async addressesByLocalPart(localParts: string[]): Promise<TrackedAddressRow[]> {
    if (localParts.length === 0) return [];
    return this.ds.query<TrackedAddressRow[]>(
      `SELECT a.property_id AS "propertyId", a.source_id AS "sourceId", s.name AS "sourceName",
              a.local_part AS "localPart", a.created_at AS "createdAt"
         FROM source_email_addresses a JOIN tracking_sources s ON s.id = a.source_id
        WHERE a.local_part = ANY($1::text[])`,
      [localParts],
    );
  }

  async routing(propertyId: string): Promise<{ forwardTo: string; updatedAt: Date } | null> {
    const rows = await this.ds.query<{ forwardTo: string; updatedAt: Date }[]>(
      `SELECT forward_to AS "forwardTo", updated_at AS "updatedAt" FROM property_email_routing
        WHERE property_id = $1`,
      [propertyId],
    );
    return rows[0] ?? null;
  }

  async setRouting(propertyId: string, forwardTo: string): Promise<{ forwardTo: string; updatedAt: Date }> {
    const rows = await this.ds.query<{ forwardTo: string; updatedAt: Date }[]>(
      `INSERT INTO property_email_routing (property_id, forward_to) VALUES ($1, $2)
       ON CONFLICT (property_id) DO UPDATE SET forward_to = EXCLUDED.forward_to, updated_at = now()
       RETURNING forward_to AS "forwardTo", updated_at AS "updatedAt"`,
      [propertyId, forwardTo],
    );
    return rows[0];
  }

  /** Stores a message once per property; null when this property already has that Message-ID. */
  async insert(e: NewEmail): Promise<string | null> {
    const rows = await this.ds.query<{ id: string }[]>(
      `INSERT INTO emails (property_id, source_id, source_name, message_id, recipient, from_address,
                           to_addresses, cc_addresses, subject, text_body, html_body, truncated, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13)
       ON CONFLICT ON CONSTRAINT uq_emails_property_message DO NOTHING
       RETURNING id`,
      [
        e.propertyId,
        e.sourceId,
        e.sourceName,
        e.messageId,
        e.recipient,
        e.from,
        JSON.stringify(e.to),
        JSON.stringify(e.cc),
        e.subject,
        e.text,
        e.html,
        e.truncated,
        e.receivedAt,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async byMessageId(propertyId: string, messageId: string): Promise<string | null> {
    const rows = await this.ds.query<{ id: string }[]>(
      `SELECT id FROM emails WHERE property_id = $1 AND message_id = $2`,
      [propertyId, messageId],
    );
    return rows[0]?.id ?? null;
  }

  async get(propertyId: string, emailId: string): Promise<EmailRow | null> {
    const rows = await this.ds.query<EmailRow[]>(
      `SELECT ${EMAIL_COLUMNS} FROM emails WHERE id = $1 AND property_id = $2`,
      [emailId, propertyId],
    );
    return rows[0] ?? null;
  }

  async list(
    propertyId: string,
    q: { sourceId?: string; limit: number; offset: number },
  ): Promise<{ items: EmailRow[]; total: number }> {
    const params: unknown[] = [propertyId];
    let where = `property_id = $1`;
    if (q.sourceId !== undefined) {
      params.push(q.sourceId);
      where += ` AND source_id = $2`;
    }
    const [items, count] = await Promise.all([
      this.ds.query<EmailRow[]>(
        `SELECT ${EMAIL_COLUMNS} FROM emails WHERE ${where}
          ORDER BY received_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit, q.offset],
      ),
      this.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM emails WHERE ${where}`, params),
    ]);
    return { items, total: count[0].n };
  }

  /**
   * Takes the right to send a message: only one request at a time may (a retry racing the
   * webhook's own attempt would otherwise send it twice). A message already forwarded is not
   * taken; one stuck in `sending` (the process died) is, after `staleAfterSecs`.
   */
  async claim(emailId: string, staleAfterSecs: number): Promise<boolean> {
    // TypeORM answers an UPDATE on PostgreSQL with [returned rows, affected count].
    const [, affected] = await this.ds.query<[unknown[], number]>(
      `UPDATE emails SET forward_status = 'sending', forward_started_at = now(),
              forward_attempts = forward_attempts + 1
        WHERE id = $1 AND (forward_status IN ('pending', 'forward_failed', 'no_destination')
              OR (forward_status = 'sending' AND forward_started_at < now() - make_interval(secs => $2)))
        RETURNING id`,
      [emailId, staleAfterSecs],
    );
    return affected > 0;
  }

  async finish(
    emailId: string,
    outcome: { status: 'forwarded' | 'forward_failed' | 'no_destination'; to: string | null; error?: string },
  ): Promise<void> {
    await this.ds.query(
      `UPDATE emails SET forward_status = $2, forward_to = $3, forward_error = $4,
              forwarded_at = CASE WHEN $2 = 'forwarded' THEN now() ELSE forwarded_at END
        WHERE id = $1`,
      [emailId, outcome.status, outcome.to, outcome.error ?? null],
    );
  }
}
