import type { DataSource } from 'typeorm';
import type { RecordingPurpose } from '@switchboard/contracts';

export type RecordingStatus = 'pending' | 'stored' | 'failed' | 'deleted';

/** Why a recording was deleted: its retention period ran out, or its caller asked to be erased. */
export type RecordingDeletion = 'retention' | 'erasure';

/** A carrier recording and our copy of it (see the recordings migration). */
export interface Recording {
  id: string;
  carrierRecordingId: string;
  /** The call workflow it belongs to; the call record shares it. */
  workflowId: string | null;
  callControlId: string | null;
  purpose: RecordingPurpose;
  /** The carrier's link the call record keeps: how a call finds its copy. Never shown to people. */
  carrierUrl: string;
  /** Every link of the carrier's event, by format (mp3, wav). Valid 10 minutes at Telnyx. */
  downloadUrls: Record<string, string>;
  durationSecs: number | null;
  status: RecordingStatus;
  blobKey: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  error: string | null;
  createdAt: Date;
  storedAt: Date | null;
  deletedAt: Date | null;
  deletedReason: RecordingDeletion | null;
}

/** What a `call.recording.saved` webhook tells of a recording. */
export type SavedRecording = Pick<
  Recording,
  | 'carrierRecordingId'
  | 'workflowId'
  | 'callControlId'
  | 'purpose'
  | 'carrierUrl'
  | 'downloadUrls'
  | 'durationSecs'
>;

const COLUMNS = `id, carrier_recording_id AS "carrierRecordingId", workflow_id AS "workflowId",
  call_control_id AS "callControlId", purpose, carrier_url AS "carrierUrl", download_urls AS "downloadUrls",
  duration_secs AS "durationSecs", status, blob_key AS "blobKey", content_type AS "contentType",
  size_bytes::float8 AS "sizeBytes", error, created_at AS "createdAt", stored_at AS "storedAt",
  deleted_at AS "deletedAt", deleted_reason AS "deletedReason"`;

export class RecordingRepository {
  constructor(private readonly ds: DataSource) {}

  /** The row of a saved recording, made on its first webhook; a redelivery gets the same row. */
  async saved(r: SavedRecording): Promise<Recording> {
    const rows: Recording[] = await this.ds.query(
      `WITH ins AS (
         INSERT INTO recordings (carrier_recording_id, workflow_id, call_control_id, purpose, carrier_url,
                                 download_urls, duration_secs)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (carrier_recording_id) DO NOTHING
         RETURNING ${COLUMNS})
       SELECT * FROM ins
       UNION ALL
       SELECT ${COLUMNS} FROM recordings WHERE carrier_recording_id = $1 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [
        r.carrierRecordingId,
        r.workflowId,
        r.callControlId,
        r.purpose,
        r.carrierUrl,
        JSON.stringify(r.downloadUrls),
        r.durationSecs,
      ],
    );
    return rows[0];
  }

  async get(id: string): Promise<Recording | null> {
    const rows: Recording[] = await this.ds.query(`SELECT ${COLUMNS} FROM recordings WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A call's recordings, oldest first. */
  async forWorkflow(workflowId: string): Promise<Recording[]> {
    return this.ds.query(`SELECT ${COLUMNS} FROM recordings WHERE workflow_id = $1 ORDER BY created_at, id`, [
      workflowId,
    ]);
  }

  /** The copies of the given carrier links (those there are), keyed by link. */
  async byCarrierUrls(urls: readonly string[]): Promise<Map<string, Recording>> {
    if (urls.length === 0) return new Map();
    const rows: Recording[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM recordings WHERE carrier_url = ANY($1::text[])`,
      [[...new Set(urls)]],
    );
    return new Map(rows.map((r) => [r.carrierUrl, r]));
  }

  /** Points the row at its copy; false when the recording was deleted meanwhile (the copy must go). */
  async markStored(
    id: string,
    file: { blobKey: string; contentType: string; sizeBytes: number },
  ): Promise<boolean> {
    const [, changed]: [unknown, number] = await this.ds.query(
      `UPDATE recordings SET status = 'stored', blob_key = $2, content_type = $3, size_bytes = $4,
              error = NULL, stored_at = now()
        WHERE id = $1 AND status <> 'deleted'`,
      [id, file.blobKey, file.contentType, file.sizeBytes],
    );
    return changed > 0;
  }

  /** Gave up copying: the reason stays for operators; a stored or deleted copy is never marked failed. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE recordings SET status = 'failed', error = $2 WHERE id = $1 AND status NOT IN ('stored', 'deleted')`,
      [id, error.slice(0, 2000)],
    );
  }

  /**
   * Our copy and the carrier's are gone: the row keeps when and why, and forgets where the file
   * was and the carrier's download links.
   */
  async markDeleted(id: string, reason: RecordingDeletion): Promise<void> {
    await this.ds.query(
      `UPDATE recordings SET status = 'deleted', deleted_at = now(), deleted_reason = $2, blob_key = NULL,
              download_urls = '{}'::jsonb, error = NULL
        WHERE id = $1 AND status <> 'deleted'`,
      [id, reason],
    );
  }
}
