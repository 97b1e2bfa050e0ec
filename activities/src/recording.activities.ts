import { ApplicationFailure } from '@temporalio/activity';
import type { BlobStore, RecordingRepository } from '@switchboard/persistence';
import { RecordingDownloadError, type CarrierRecordings } from '@switchboard/telephony';

/** Where a recording's copy lives: by our id (a carrier id may hold any character). */
export const recordingBlobKey = (id: string, format: 'mp3' | 'wav') => `recordings/${id}.${format}`;

/** Copying carrier recordings into our blob store (the storeRecording workflow). */
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
    async storeRecording(id: string): Promise<'stored' | 'already_stored'> {
      const r = await recordings.get(id);
      if (!r) throw ApplicationFailure.nonRetryable(`no recording ${id}`, 'RecordingMissing');
      if (r.status === 'stored') return 'already_stored';
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
      await recordings.markStored(r.id, {
        blobKey,
        contentType: file.contentType,
        sizeBytes: file.bytes.length,
      });
      return 'stored';
    },

    async markRecordingFailed(id: string, reason: string): Promise<void> {
      await recordings.markFailed(id, reason);
    },
  };
}
