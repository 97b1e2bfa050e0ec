import type { DataSource } from 'typeorm';
import type { TranscriptSegment, TranscriptSpeaker } from '@switchboard/domain';
import { managerOf, type Tx } from '../transaction';

/** One final transcription piece as the carrier delivered it. */
export interface NewTranscriptSegment {
  /** The call's workflow: pieces arrive before its record exists. */
  workflowId: string;
  eventId: string;
  occurredAt: string;
  speaker: TranscriptSpeaker;
  text: string;
  confidence: number | null;
}

export interface StoredTranscriptSegment extends TranscriptSegment {
  seq: number;
  /** The carrier event that brought it. */
  eventId: string;
  at: Date;
  confidence: number | null;
}

/** A call's transcription pieces by speaker, in the order they were said. */
export class CallTranscriptRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Holds the call's transcript until `tx` ends. A piece's write and the call record's save both
   * take it first, so whichever comes second sees the other's rows: a piece that arrives while the
   * record is being saved is either joined by the save or finds the record and joins itself.
   */
  async lock(workflowId: string, tx: Tx): Promise<void> {
    await managerOf(this.ds, tx).query(`SELECT pg_advisory_xact_lock(hashtext('call-transcript:' || $1))`, [
      workflowId,
    ]);
  }

  /** Adds a piece (once per carrier event); false when it was already there. */
  async add(s: NewTranscriptSegment, tx: Tx): Promise<boolean> {
    const rows: unknown[] = await managerOf(this.ds, tx).query(
      `INSERT INTO call_transcript_segments (workflow_id, seq, occurred_at, speaker, text, confidence, event_id)
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6
         FROM call_transcript_segments WHERE workflow_id = $1
       ON CONFLICT (event_id) DO NOTHING
       RETURNING id`,
      [s.workflowId, s.occurredAt, s.speaker, s.text, s.confidence, s.eventId],
    );
    return rows.length > 0;
  }

  /** The call saved for this workflow, if it has been. */
  async callOf(workflowId: string, tx?: Tx): Promise<string | null> {
    const [row]: { id: string }[] = await managerOf(this.ds, tx).query(
      `SELECT id FROM calls WHERE workflow_id = $1`,
      [workflowId],
    );
    return row?.id ?? null;
  }

  /** The pieces of a call's conversation, in the order they were said. */
  async ofWorkflow(workflowId: string, tx?: Tx): Promise<StoredTranscriptSegment[]> {
    return this.segments(`s.workflow_id = $1`, workflowId, tx);
  }

  /** The same, by the call's id. */
  async ofCall(callId: string): Promise<StoredTranscriptSegment[]> {
    return this.segments(`s.workflow_id = (SELECT workflow_id FROM calls WHERE id = $1)`, callId);
  }

  private async segments(where: string, key: string, tx?: Tx): Promise<StoredTranscriptSegment[]> {
    const rows: StoredTranscriptSegment[] = await managerOf(this.ds, tx).query(
      `SELECT s.seq, s.event_id AS "eventId", s.occurred_at AS at, s.speaker, s.text, s.confidence
           FROM call_transcript_segments s WHERE ${where} ORDER BY s.occurred_at, s.seq`,
      [key],
    );
    return rows;
  }
}
