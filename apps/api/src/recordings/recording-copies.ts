import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  recordingPurposeOfTag,
  STORE_RECORDING_WORKFLOW,
  storeRecordingWorkflowId,
  type CarrierEvent,
  type StoreRecordingInput,
} from '@switchboard/contracts';
import type { SwitchboardConfig } from '@switchboard/config';
import { savedRecordingDetails } from '@switchboard/telephony';
import { CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { RecordingLinks } from './recording-links';

/**
 * Starts the copy of every recording the carrier saves, from its `call.recording.saved` webhook:
 * a row (so the call shows the recording as pending at once) and a durable copy workflow. Both are
 * once per recording, so the carrier's redeliveries change nothing; a failure here fails the
 * webhook, and the carrier's retry tries again.
 */
@Injectable()
export class RecordingCopies {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly cfg: SwitchboardConfig,
    private readonly links: RecordingLinks,
  ) {}

  /** Whether the event is one this handles (a saved recording with an id and a link). */
  static handles(e: CarrierEvent): boolean {
    return e.type === 'call.recording.saved' && !!e.recordingId && !!e.recordingUrl;
  }

  async saved(e: CarrierEvent, body: unknown, workflowId: string | null): Promise<void> {
    const details = savedRecordingDetails(body);
    const row = await this.links.recordings.saved({
      carrierRecordingId: e.recordingId!,
      workflowId,
      callControlId: e.callControlId || null,
      purpose: recordingPurposeOfTag(e.clientState?.tag),
      carrierUrl: e.recordingUrl!,
      downloadUrls: details.downloadUrls,
      durationSecs: details.durationSecs,
    });
    if (row.status === 'stored') return;
    try {
      await this.client.workflow.start(STORE_RECORDING_WORKFLOW, {
        workflowId: storeRecordingWorkflowId(e.recordingId!),
        taskQueue: this.cfg.temporal.taskQueue,
        args: [{ recordingId: row.id } satisfies StoreRecordingInput],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `Copy ${row.purpose} recording of ${workflowId ?? 'an unknown call'}`,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}
