import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  RecordingControlRefusal,
  recordingControlUpdate,
  type RecordingControlRequest,
  type RecordingControlResult,
  type RecordingPause,
} from '@switchboard/contracts';
import { carrier } from '../activity-proxies';
import type { CallSession } from './call-session';

/** The conversation recording of a call, from its start: agents pause and resume it. */
export class ConversationRecording {
  readonly pauses: RecordingPause[] = [];
  /** Set once the conversation is over: there is nothing left to pause. */
  over = false;
  /** A pause or resume is on its way to the carrier: the next request waits its turn. */
  busy = false;

  constructor(
    /** When it started (carrier clock). */
    readonly startedAt: string,
    /** The agent's leg bridged with the caller: theirs is the conversation being recorded. */
    readonly agentCallControlId: string,
  ) {}

  get paused(): boolean {
    const last = this.pauses[this.pauses.length - 1];
    return last !== undefined && last.resumedAt === null;
  }

  result(): RecordingControlResult {
    return { state: this.paused ? 'paused' : 'recording', pauses: this.pauses.map((p) => ({ ...p })) };
  }
}

const refuse = (type: string, message: string) =>
  ApplicationFailure.create({ type, message, nonRetryable: true });

/**
 * Lets the agent connected to the caller pause the conversation recording (a card number read
 * aloud) and resume it: `record_pause` / `record_resume` on the caller's leg, which holds the
 * recording, and each pause kept for the call's record. The validator refuses a call that is not
 * recording and another leg's request before anything reaches the history; calls that never
 * receive the update (every call before it existed) replay as they ran.
 */
export function handleRecordingControl(s: CallSession): void {
  setHandler(
    recordingControlUpdate,
    async (r: RecordingControlRequest): Promise<RecordingControlResult> => {
      const rec = s.recording!;
      // One command at a time: a double click sends the second only once the first is settled.
      await condition(() => !rec.busy);
      const pause = r.action === 'pause';
      if (rec.over) throw refuse(RecordingControlRefusal.notRecording, 'the conversation has ended');
      if (rec.paused === pause) return rec.result();
      rec.busy = true;
      try {
        const sent = await s
          .send(() =>
            pause
              ? carrier.pauseRecording(s.caller.callControlId)
              : carrier.resumeRecording(s.caller.callControlId),
          )
          .catch((err: unknown) => {
            // A carrier refusal fails this request, never the call.
            throw refuse(
              RecordingControlRefusal.carrierRefused,
              `the carrier refused to ${r.action} the recording: ${err instanceof Error ? err.message : String(err)}`,
            );
          });
        if (!sent) throw refuse(RecordingControlRefusal.notRecording, 'the call has ended');
        const at = s.state.carrierNow();
        if (pause)
          rec.pauses.push({ pausedAt: at, resumedAt: null, agentId: r.agentId, agentName: r.agentName });
        else rec.pauses[rec.pauses.length - 1].resumedAt = at;
        return rec.result();
      } finally {
        rec.busy = false;
      }
    },
    {
      validator: (r: RecordingControlRequest) => {
        const rec = s.recording;
        if (rec === undefined || rec.over)
          throw refuse(RecordingControlRefusal.notRecording, 'the call is not being recorded');
        if (r.agentCallControlId !== rec.agentCallControlId)
          throw refuse(RecordingControlRefusal.notYourCall, 'the call being recorded is not yours');
      },
    },
  );
}
