import type { EntityManager } from 'typeorm';
import type { ConversationView, MessageKind, MessageView } from './messaging.view';

export type { ConversationView, MessageKind, MessageView } from './messaging.view';

const CONVERSATION_COLUMNS = `id, property_id AS "propertyId", tracking_number_id AS "trackingNumberId",
  tracking_number AS "trackingNumber", external_number AS "externalNumber", source_id AS "sourceId",
  source_name AS "sourceName", session_id AS "sessionId", opted_out AS "optedOut",
  opted_out_at AS "optedOutAt", created_at AS "createdAt", last_message_at AS "lastMessageAt"`;

const MESSAGE_COLUMNS = `id, direction, kind, body, carrier_id AS "carrierId", status, error,
  forwarded_to AS "forwardedTo", forward_carrier_id AS "forwardCarrierId", forward_error AS "forwardError",
  occurred_at AS "occurredAt"`;

/** SQL for conversations and their messages; every read is scoped by property. */
export class TextStore {
  constructor(private readonly m: EntityManager) {}

  /** The conversation of (our number, their number), made on its first text; locked for the caller's transaction. */
  async openConversation(c: {
    propertyId: string;
    trackingNumberId: string;
    trackingNumber: string;
    externalNumber: string;
    sourceId: string;
    sourceName: string;
    sessionId: string | null;
    at: string;
  }): Promise<ConversationView> {
    await this.m.query(
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
    const rows: ConversationView[] = await this.m.query(
      `SELECT ${CONVERSATION_COLUMNS} FROM text_conversations
        WHERE tracking_number = $1 AND external_number = $2 FOR UPDATE`,
      [c.trackingNumber, c.externalNumber],
    );
    return rows[0];
  }

  async conversation(propertyId: string, id: string, lock = false): Promise<ConversationView | undefined> {
    const rows: ConversationView[] = await this.m.query(
      `SELECT ${CONVERSATION_COLUMNS} FROM text_conversations WHERE id = $1 AND property_id = $2
       ${lock ? 'FOR UPDATE' : ''}`,
      [id, propertyId],
    );
    return rows[0];
  }

  async list(
    propertyId: string,
    f: { sourceId?: string; limit: number; offset: number },
  ): Promise<{ items: ConversationView[]; total: number }> {
    const params: unknown[] = [propertyId];
    let where = `property_id = $1`;
    if (f.sourceId) {
      params.push(f.sourceId);
      where += ` AND source_id = $2`;
    }
    const [{ total }]: { total: number }[] = await this.m.query(
      `SELECT count(*)::int AS total FROM text_conversations WHERE ${where}`,
      params,
    );
    const items: ConversationView[] = await this.m.query(
      `SELECT ${CONVERSATION_COLUMNS} FROM text_conversations WHERE ${where}
        ORDER BY last_message_at DESC, id LIMIT ${f.limit} OFFSET ${f.offset}`,
      params,
    );
    return { items, total };
  }

  async messages(conversationId: string): Promise<MessageView[]> {
    return this.m.query(
      `SELECT ${MESSAGE_COLUMNS} FROM text_messages WHERE conversation_id = $1 ORDER BY occurred_at, created_at`,
      [conversationId],
    );
  }

  async setOptedOut(conversationId: string, optedOut: boolean): Promise<void> {
    await this.m.query(
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
    m: { eventId: string; carrierId: string | null; body: string; kind: MessageKind; at: string },
  ): Promise<{ id: string; routed: boolean }> {
    await this.m.query(
      `INSERT INTO text_messages (conversation_id, direction, kind, body, carrier_id, status, event_id, occurred_at)
       VALUES ($1, 'inbound', $2, $3, $4, 'received', $5, $6) ON CONFLICT (event_id) DO NOTHING`,
      [conversationId, m.kind, m.body, m.carrierId, m.eventId, m.at],
    );
    await this.m.query(
      `UPDATE text_conversations SET last_message_at = GREATEST(last_message_at, $2) WHERE id = $1`,
      [conversationId, m.at],
    );
    const rows: { id: string; routed: boolean }[] = await this.m.query(
      `SELECT id, routed_at IS NOT NULL AS routed FROM text_messages WHERE event_id = $1 FOR UPDATE`,
      [m.eventId],
    );
    return rows[0];
  }

  async markRouted(
    messageId: string,
    f: { forwardedTo: string | null; forwardCarrierId: string | null; forwardError: string | null },
  ): Promise<void> {
    await this.m.query(
      `UPDATE text_messages SET routed_at = now(), forwarded_to = $2, forward_carrier_id = $3, forward_error = $4
        WHERE id = $1`,
      [messageId, f.forwardedTo, f.forwardCarrierId, f.forwardError],
    );
  }

  async storeOutbound(
    conversationId: string,
    m: { kind: MessageKind; body: string; carrierId: string | null; error: string | null },
  ): Promise<MessageView> {
    const rows: MessageView[] = await this.m.query(
      `INSERT INTO text_messages (conversation_id, direction, kind, body, carrier_id, status, error, occurred_at)
       VALUES ($1, 'outbound', $2, $3, $4, $5, $6, now()) RETURNING ${MESSAGE_COLUMNS}`,
      [conversationId, m.kind, m.body, m.carrierId, m.error ? 'failed' : 'sent', m.error],
    );
    await this.m.query(`UPDATE text_conversations SET last_message_at = now() WHERE id = $1`, [
      conversationId,
    ]);
    return rows[0];
  }
}
