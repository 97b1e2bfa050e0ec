import type { DataSource, EntityManager } from 'typeorm';
import { managerOf, type Tx } from '../transaction';

/** A message left in a voicemail box, as the api shows it. */
export interface VoicemailMessage {
  id: string;
  propertyId: string;
  voicemailBoxId: string;
  callId: string;
  from: string;
  /** The carrier's link to the recording: internal, it finds our copy (never shown to people). */
  recordingUrl: string;
  /** Seconds recorded, when the carrier's recording.saved event said. */
  durationSecs: number | null;
  /** When the call ended (carrier clock). */
  receivedAt: Date;
  heardAt: Date | null;
  createdAt: Date;
}

export interface VoicemailMessageFilter {
  heard?: boolean;
  limit: number;
  offset: number;
}

const COLUMNS = `id, property_id AS "propertyId", box_id AS "voicemailBoxId", call_id AS "callId",
  from_number AS "from", recording_url AS "recordingUrl", duration_secs AS "durationSecs",
  received_at AS "receivedAt", heard_at AS "heardAt", created_at AS "createdAt"`;

/** The message a voicemail call leaves in its box (see libs/domain's leftVoicemail). */
export interface NewVoicemailMessage {
  propertyId: string;
  voicemailBoxId: string;
  callId: string;
  from: string;
  recordingUrl: string;
  /** When the call ended (carrier clock). */
  receivedAt: string;
}

/**
 * The recording's length, from the row the api made of its `call.recording.saved` webhook before
 * the workflow heard of it. Null when unknown: a length is a nicety and must never stop the record
 * from being written.
 */
async function recordingSeconds(m: EntityManager, url: string): Promise<number | null> {
  const rows: { secs: number | null }[] = await m.query(
    `SELECT duration_secs AS secs FROM recordings WHERE carrier_url = $1 LIMIT 1`,
    [url],
  );
  return rows[0]?.secs ?? null;
}

/** Messages of one box; deleted ones are invisible everywhere. */
export class VoicemailMessageRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Adds a call's message, once: a retried record write finds the message there (heard or deleted
   * as the user left it) and adds none.
   */
  async addOnce(msg: NewVoicemailMessage, tx?: Tx): Promise<void> {
    const m = managerOf(this.ds, tx);
    await m.query(
      `INSERT INTO voicemail_messages (property_id, box_id, call_id, from_number, recording_url, duration_secs, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (call_id) DO NOTHING`,
      [
        msg.propertyId,
        msg.voicemailBoxId,
        msg.callId,
        msg.from,
        msg.recordingUrl,
        await recordingSeconds(m, msg.recordingUrl),
        msg.receivedAt,
      ],
    );
  }

  /** Newest first. */
  async list(
    propertyId: string,
    boxId: string,
    f: VoicemailMessageFilter,
  ): Promise<{ items: VoicemailMessage[]; total: number }> {
    const params: unknown[] = [propertyId, boxId];
    let where = `property_id = $1 AND box_id = $2 AND deleted_at IS NULL`;
    if (f.heard !== undefined) where += f.heard ? ` AND heard_at IS NOT NULL` : ` AND heard_at IS NULL`;
    const [items, counted] = await Promise.all([
      this.ds.query<VoicemailMessage[]>(
        `SELECT ${COLUMNS} FROM voicemail_messages WHERE ${where}
          ORDER BY received_at DESC, id DESC LIMIT $3 OFFSET $4`,
        [...params, f.limit, f.offset],
      ),
      this.ds.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM voicemail_messages WHERE ${where}`,
        params,
      ),
    ]);
    return { items, total: counted[0].n };
  }

  async get(propertyId: string, boxId: string, id: string): Promise<VoicemailMessage | null> {
    const rows: VoicemailMessage[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM voicemail_messages
        WHERE property_id = $1 AND box_id = $2 AND id = $3 AND deleted_at IS NULL`,
      [propertyId, boxId, id],
    );
    return rows[0] ?? null;
  }

  /** Marks heard (keeping the first time it was heard) or unheard; null when there is no such message. */
  async markHeard(
    propertyId: string,
    boxId: string,
    id: string,
    heard: boolean,
  ): Promise<VoicemailMessage | null> {
    await this.ds.query(
      `UPDATE voicemail_messages SET heard_at = CASE WHEN $4 THEN coalesce(heard_at, now()) END
        WHERE property_id = $1 AND box_id = $2 AND id = $3 AND deleted_at IS NULL`,
      [propertyId, boxId, id, heard],
    );
    return this.get(propertyId, boxId, id);
  }

  /** Messages still in a box (not deleted), for refusing to delete the box under them. */
  async count(propertyId: string, boxId: string, tx?: Tx): Promise<number> {
    const rows: { n: number }[] = await managerOf(this.ds, tx).query(
      `SELECT count(*)::int AS n FROM voicemail_messages
        WHERE property_id = $1 AND box_id = $2 AND deleted_at IS NULL`,
      [propertyId, boxId],
    );
    return rows[0].n;
  }

  /** Soft delete; false when there was no such message (or it was deleted already). */
  async delete(propertyId: string, boxId: string, id: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, count] = await this.ds.query<[unknown[], number]>(
      `UPDATE voicemail_messages SET deleted_at = now()
        WHERE property_id = $1 AND box_id = $2 AND id = $3 AND deleted_at IS NULL`,
      [propertyId, boxId, id],
    );
    return count > 0;
  }
}
