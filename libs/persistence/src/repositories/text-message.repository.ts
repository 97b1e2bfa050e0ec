import type { DataSource } from 'typeorm';
import type { LeadStatus } from '@switchboard/domain';
import { managerOf, type Tx } from '../transaction';

/** What a message was: the person's text, a keyword (STOP, START, HELP), an automatic answer, or a reply. */
export type MessageKind = 'text' | 'stop' | 'start' | 'help' | 'auto_reply' | 'reply';

/** A text conversation: one per tracking number and the external number that texted it. */
export interface TextConversation {
  id: string;
  propertyId: string;
  /** Null once the tracking number is released; `trackingNumber` keeps it. */
  trackingNumberId: string | null;
  trackingNumber: string;
  /** The person's number (E.164). */
  externalNumber: string;
  sourceId: string | null;
  sourceName: string | null;
  /** The website visit (DNI session) the first text was attributed to. */
  sessionId: string | null;
  /** The person texted STOP: replies are refused until they text START. */
  optedOut: boolean;
  optedOutAt: Date | null;
  createdAt: Date;
  lastMessageAt: Date;
  /** By the property's scoring rules, the texter's messages read as a transcript; null: no rules. */
  score: number | null;
  leadStatus: LeadStatus;
  /** Names of the rules that matched. */
  scoreReasons: string[];
}

/** One text of a conversation. */
export interface TextMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  kind: MessageKind;
  body: string;
  /** The carrier's message id. */
  carrierId: string | null;
  status: 'received' | 'sent' | 'failed';
  error: string | null;
  /** The phone an inbound text was forwarded to, by the text routing. */
  forwardedTo: string | null;
  forwardCarrierId: string | null;
  forwardError: string | null;
  occurredAt: Date;
}

const CONVERSATION_COLUMNS = `id, property_id AS "propertyId", tracking_number_id AS "trackingNumberId",
  tracking_number AS "trackingNumber", external_number AS "externalNumber", source_id AS "sourceId",
  source_name AS "sourceName", session_id AS "sessionId", opted_out AS "optedOut",
  opted_out_at AS "optedOutAt", created_at AS "createdAt", last_message_at AS "lastMessageAt",
  score, lead_status AS "leadStatus", score_reasons AS "scoreReasons"`;

const MESSAGE_COLUMNS = `id, direction, kind, body, carrier_id AS "carrierId", status, error,
  forwarded_to AS "forwardedTo", forward_carrier_id AS "forwardCarrierId", forward_error AS "forwardError",
  occurred_at AS "occurredAt"`;

/** Text conversations and their messages; every read is scoped by property. */
export class TextMessageRepository {
  constructor(private readonly ds: DataSource) {}

  /** The conversation of (our number, their number), made on its first text; locked for `tx`. */
  async openConversation(
    c: {
      propertyId: string;
      trackingNumberId: string;
      trackingNumber: string;
      externalNumber: string;
      sourceId: string;
      sourceName: string;
      sessionId: string | null;
      at: string;
    },
    tx: Tx,
  ): Promise<TextConversation> {
    const m = managerOf(this.ds, tx);
    await m.query(
      `INSERT INTO text_conversations (property_id, tracking_number_id, tracking_number, external_number,
                                       source_id, source_name, session_id, created_at, last_message_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (tracking_number, external_number) DO NOTHING`,
      [
        c.propertyId,
        c.trackingNumberId,
        c.trackingNumber,
        c.externalNumber,
        c.sourceId,
        c.sourceName,
        c.sessionId,
        c.at,
      ],
    );
    const rows = await m.query<TextConversation[]>(
      `SELECT ${CONVERSATION_COLUMNS} FROM text_conversations
        WHERE tracking_number = $1 AND external_number = $2 FOR UPDATE`,
      [c.trackingNumber, c.externalNumber],
    );
    return rows[0];
  }

  /** The property's conversation, locked for `tx` when one is given; null when it has no such conversation. */
  async conversation(propertyId: string, id: string, tx?: Tx): Promise<TextConversation | null> {
    const rows = await managerOf(this.ds, tx).query<TextConversation[]>(
      `SELECT ${CONVERSATION_COLUMNS} FROM text_conversations WHERE id = $1 AND property_id = $2
       ${tx ? 'FOR UPDATE' : ''}`,
      [id, propertyId],
    );
    return rows[0] ?? null;
  }

  async list(
    propertyId: string,
    f: { sourceId?: string; limit: number; offset: number },
  ): Promise<{ items: TextConversation[]; total: number }> {
    const params: unknown[] = [propertyId];
    let where = `property_id = $1`;
    if (f.sourceId) {
      params.push(f.sourceId);
      where += ` AND source_id = $2`;
    }
    const [{ total }] = await this.ds.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM text_conversations WHERE ${where}`,
      params,
    );
    const items = await this.ds.query<TextConversation[]>(
      `SELECT ${CONVERSATION_COLUMNS} FROM text_conversations WHERE ${where}
        ORDER BY last_message_at DESC, id LIMIT ${f.limit} OFFSET ${f.offset}`,
      params,
    );
    return { items, total };
  }

  async messages(conversationId: string): Promise<TextMessage[]> {
    return this.ds.query<TextMessage[]>(
      `SELECT ${MESSAGE_COLUMNS} FROM text_messages WHERE conversation_id = $1 ORDER BY occurred_at, created_at`,
      [conversationId],
    );
  }

  async setOptedOut(conversationId: string, optedOut: boolean, tx?: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE text_conversations SET opted_out = $2, opted_out_at = CASE WHEN $2 THEN now() END WHERE id = $1`,
      [conversationId, optedOut],
    );
  }

  /**
   * Stores an inbound text once per carrier event and locks its row: a redelivery waits for the
   * first delivery's transaction, then sees whether it was routed.
   */
  async storeInbound(
    conversationId: string,
    msg: { eventId: string; carrierId: string | null; body: string; kind: MessageKind; at: string },
    tx: Tx,
  ): Promise<{ id: string; routed: boolean }> {
    const m = managerOf(this.ds, tx);
    await m.query(
      `INSERT INTO text_messages (conversation_id, direction, kind, body, carrier_id, status, event_id, occurred_at)
       VALUES ($1, 'inbound', $2, $3, $4, 'received', $5, $6) ON CONFLICT (event_id) DO NOTHING`,
      [conversationId, msg.kind, msg.body, msg.carrierId, msg.eventId, msg.at],
    );
    await m.query(
      `UPDATE text_conversations SET last_message_at = GREATEST(last_message_at, $2) WHERE id = $1`,
      [conversationId, msg.at],
    );
    const rows = await m.query<{ id: string; routed: boolean }[]>(
      `SELECT id, routed_at IS NOT NULL AS routed FROM text_messages WHERE event_id = $1 FOR UPDATE`,
      [msg.eventId],
    );
    return rows[0];
  }

  async markRouted(
    messageId: string,
    f: { forwardedTo: string | null; forwardCarrierId: string | null; forwardError: string | null },
    tx?: Tx,
  ): Promise<void> {
    await managerOf(this.ds, tx).query(
      `UPDATE text_messages SET routed_at = now(), forwarded_to = $2, forward_carrier_id = $3, forward_error = $4
        WHERE id = $1`,
      [messageId, f.forwardedTo, f.forwardCarrierId, f.forwardError],
    );
  }

  async storeOutbound(
    conversationId: string,
    msg: { kind: MessageKind; body: string; carrierId: string | null; error: string | null },
    tx?: Tx,
  ): Promise<TextMessage> {
    const m = managerOf(this.ds, tx);
    const rows = await m.query<TextMessage[]>(
      `INSERT INTO text_messages (conversation_id, direction, kind, body, carrier_id, status, error, occurred_at)
       VALUES ($1, 'outbound', $2, $3, $4, $5, $6, now()) RETURNING ${MESSAGE_COLUMNS}`,
      [conversationId, msg.kind, msg.body, msg.carrierId, msg.error ? 'failed' : 'sent', msg.error],
    );
    await m.query(`UPDATE text_conversations SET last_message_at = now() WHERE id = $1`, [conversationId]);
    return rows[0];
  }
}
