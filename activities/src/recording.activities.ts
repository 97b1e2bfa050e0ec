import { ApplicationFailure } from '@temporalio/activity';
import type { BlobStore, RecordingDeletion, RecordingRepository } from '@switchboard/persistence';
import { RecordingDownloadError, type CarrierRecordings } from '@switchboard/telephony';

/** Where a recording's copy lives: by our id (a carrier id may hold any character). */
export const recordingBlobKey = (id: string, format: 'mp3' | 'wav') => `recordings/${id}.${format}`;

/** Copying carrier recordings into our blob store (the storeRecording workflow), and deleting them. */
export function createRecordingActivities(
  recordings: RecordingRepository,
  blobs: BlobStore,
  carrier: CarrierRecordings,
) {
  return {
    /**
     * Downloads the recording and stores it. Safe to repeat: a stored copy is kept, and the blob is
     * written whole under a key of its own before the row points at it.
     */
    async storeRecording(id: string): Promise<'stored' | 'already_stored' | 'deleted'> {
      const r = await recordings.get(id);
      if (!r) throw ApplicationFailure.nonRetryable(`no recording ${id}`, 'RecordingMissing');
      if (r.status === 'stored') return 'already_stored';
      if (r.status === 'deleted') return 'deleted';
      let file;
      try {
        file = await carrier.download(r.carrierRecordingId, r.downloadUrls);
      } catch (err) {
        if (err instanceof RecordingDownloadError && err.kind === 'gone')
          throw ApplicationFailure.nonRetryable(err.message, 'RecordingGone');
        throw err;
      }
      const blobKey = recordingBlobKey(r.id, file.format);
      await blobs.put(blobKey, file.bytes, { contentType: file.contentType });
      const stored = await recordings.markStored(r.id, {
        blobKey,
        contentType: file.contentType,
        sizeBytes: file.bytes.length,
      });
      // Deleted while we were downloading it: the copy just written must not outlive the row.
      if (!stored) {
        await blobs.delete(blobKey);
        return 'deleted';
      }
      return 'stored';
    },

    /**
     * Deletes a recording everywhere: the carrier's copy (Telnyx keeps its own until asked), ours in
     * the blob store, then marks the row. Safe to repeat: each part is idempotent, and the row is
     * marked last, so a retry after a failure finishes what was left.
     */
    async deleteRecording(
      id: string,
      reason: RecordingDeletion,
    ): Promise<'deleted' | 'already_deleted' | 'missing'> {
      const r = await recordings.get(id);
      if (!r) return 'missing';
      if (r.status === 'deleted') return 'already_deleted';
      await carrier.delete(r.carrierRecordingId);
      if (r.blobKey) await blobs.delete(r.blobKey);
      await recordings.markDeleted(r.id, reason);
      return 'deleted';
    },

    async markRecordingFailed(id: string, reason: string): Promise<void> {
      await recordings.markFailed(id, reason);
    },
  };
}
