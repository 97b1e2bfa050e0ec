import type { ScheduledTask } from './sim-clock';
import type { AgentBehaviour } from './scripts';
import type { Session } from './call-store';
import type { MediaPlayer } from './media-player';
import type { AiGatherRunner } from './ai-gather-runner';
import type { GatherRunner } from './gather-runner';
import type { CallerScriptRunner } from './caller-script';

export type LegDirection = 'incoming' | 'outgoing';
/** Telnyx's own state names: `parked` (new inbound), `bridging` (outbound ringing), `answered`, `hangup`. */
export type LegState = 'parked' | 'bridging' | 'answered' | 'hangup';
export type HangupSource = 'caller' | 'callee' | 'unknown';

export interface Recording {
  id: string;
  format: 'mp3' | 'wav';
  channels: 'single' | 'dual';
  startedMs: number;
  endedMs?: number;
  /** When `call.recording.saved` was generated: from then on the Recordings API knows it. */
  savedMs?: number;
  stopTask?: ScheduledTask;
  /** Paused intervals (record_pause to record_resume; an open one ends with the recording). */
  pauses: { fromMs: number; toMs?: number }[];
}

export interface QueueMembership {
  name: string;
  enteredMs: number;
  timeoutTask?: ScheduledTask;
}

/** Options the app gave when creating an outgoing leg (dial or transfer). */
export interface OutgoingOptions {
  ringTimeoutMs: number;
  amd?: string;
  bridgeOnAnswerWith?: string;
  preventDoubleBridge?: boolean;
  /** Set for transfer legs: bridged to this leg on answer, cancelled if it hangs up first. */
  transferFrom?: CallLeg;
  /** `record: record-from-answer` on the dial/transfer; the id is promised in the dial response. */
  record?: { id: string; format: 'mp3' | 'wav'; channels: 'single' | 'dual' };
}

export class CallLeg {
  state: LegState;
  clientState: string | null = null;
  webhookUrl: string | undefined;
  answeredMs: number | undefined;
  endedMs: number | undefined;
  hangupCause: string | undefined;
  hangupSource: HangupSource | undefined;
  sipHangupCause: string | undefined;
  bridgedWith: CallLeg | undefined;
  /** Kept after unbridge so the timeline can say who the leg talked to. */
  lastBridgedWith: CallLeg | undefined;
  parkAfterUnbridge = false;
  recordings: Recording[] = [];
  queue: QueueMembership | undefined;
  media!: MediaPlayer;
  /** The gather running on the leg: keys, or an AI gather's question. */
  gather: GatherRunner | AiGatherRunner | undefined;
  caller: CallerScriptRunner | undefined;
  agent: AgentBehaviour | undefined;
  /** Rung at a browser endpoint with no scripted agent: a person answers through the control API. */
  browser = false;
  outgoing: OutgoingOptions | undefined;
  /** Inbound legs hang up if the app neither answers nor rejects in time. */
  unansweredTask: ScheduledTask | undefined;
  agentHangupTask: ScheduledTask | undefined;
  private readonly tasks = new Set<ScheduledTask>();

  constructor(
    readonly session: Session,
    readonly callControlId: string,
    readonly callLegId: string,
    readonly direction: LegDirection,
    readonly from: string,
    readonly to: string,
    readonly startMs: number,
    readonly callerIdName?: string,
  ) {
    this.state = direction === 'incoming' ? 'parked' : 'bridging';
  }

  get alive(): boolean {
    return this.state !== 'hangup';
  }

  get answered(): boolean {
    return this.state === 'answered';
  }

  /** A timer that dies with the leg (cancelled on hangup). */
  schedule(delayScenarioMs: number, run: () => void): ScheduledTask {
    const task = this.session.clock.schedule(delayScenarioMs, () => {
      this.tasks.delete(task);
      run();
    });
    this.tasks.add(task);
    return task;
  }

  cancelTimers(): void {
    for (const t of this.tasks) t.cancel();
    this.tasks.clear();
  }
}
