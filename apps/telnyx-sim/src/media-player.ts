import type { CallLeg } from './call-leg';
import type { MediaStatus } from './event-factory';
import type { ScheduledTask } from './sim-clock';

export type Emit = (leg: CallLeg, eventType: string, extra?: Record<string, unknown>) => void;

export interface MediaItem {
  kind: 'speak' | 'playback';
  /** Scenario ms of one play; `loops` null means "infinity" (until stopped). */
  durationMs: number;
  loops: number | null;
  /** media_url / media_name / overlay for playback events. */
  attrs: Record<string, unknown>;
  overlay: boolean;
  onEnd?: (status: MediaStatus) => void;
}

interface Playing {
  item: MediaItem;
  task?: ScheduledTask;
}

/** TTS length the simulator assumes: 40 ms per character, at least half a second. */
export function speakDurationMs(payload: string): number {
  return Math.max(500, 40 * payload.length);
}

export const DEFAULT_AUDIO_MS = 1000;

/**
 * One leg's audio: a main channel with a queue (a new speak/playback waits for the current one unless
 * it says `stop`), plus independent overlay playbacks. Mirrors Telnyx's `stop: current|all` semantics.
 */
export class MediaPlayer {
  private current: Playing | undefined;
  private readonly queue: MediaItem[] = [];
  private readonly overlays = new Set<Playing>();

  constructor(
    private readonly leg: CallLeg,
    private readonly emit: Emit,
  ) {}

  get busy(): boolean {
    return this.current !== undefined || this.queue.length > 0;
  }

  play(item: MediaItem, stop?: string): void {
    if (item.overlay) {
      this.start(item);
      return;
    }
    if (stop === 'all') this.stop('all', false);
    else if (stop === 'current') this.stop('current', false, false);
    this.queue.push(item);
    if (!this.current) this.next();
  }

  /** playback_stop: `current` moves on to the next queued item, `all` also clears the queue. */
  stop(which: string, overlay: boolean, advance = true): void {
    if (overlay) {
      for (const p of [...this.overlays]) this.finish(p, 'cancelled');
      return;
    }
    if (which === 'all') {
      const dropped = this.queue.splice(0);
      for (const item of dropped) item.onEnd?.('cancelled');
    }
    if (this.current) {
      this.finish(this.current, 'cancelled');
      if (advance) this.next();
    }
  }

  /** Cancels one specific item (a gather's prompt) whether it is playing or still queued. */
  cancel(item: MediaItem): void {
    const i = this.queue.indexOf(item);
    if (i >= 0) {
      this.queue.splice(i, 1);
      item.onEnd?.('cancelled');
      return;
    }
    if (this.current?.item === item) {
      this.finish(this.current, 'cancelled');
      this.next();
    }
  }

  /** The leg is going away: whatever is audible ends with `call_hangup`, queued items never start. */
  hangup(): void {
    const dropped = this.queue.splice(0);
    for (const p of [...this.overlays]) this.finish(p, 'call_hangup');
    if (this.current) this.finish(this.current, 'call_hangup');
    for (const item of dropped) item.onEnd?.('call_hangup');
  }

  private next(): void {
    const item = this.queue.shift();
    if (item) this.start(item);
  }

  private start(item: MediaItem): void {
    const playing: Playing = { item };
    if (item.overlay) this.overlays.add(playing);
    else this.current = playing;
    this.emit(this.leg, `call.${item.kind}.started`, item.kind === 'playback' ? item.attrs : {});
    if (item.loops !== null) {
      playing.task = this.leg.schedule(item.durationMs * item.loops, () => {
        this.finish(playing, 'completed');
        if (!item.overlay) this.next();
      });
    }
  }

  private finish(p: Playing, status: MediaStatus): void {
    p.task?.cancel();
    if (p.item.overlay) this.overlays.delete(p);
    else if (this.current === p) this.current = undefined;
    // call.speak.ended has no `cancelled` status in Telnyx's enum; a stopped speak ends without one.
    const statusField = p.item.kind === 'speak' && status === 'cancelled' ? {} : { status };
    this.emit(this.leg, `call.${p.item.kind}.ended`, {
      ...(p.item.kind === 'playback' ? p.item.attrs : {}),
      ...statusField,
    });
    p.item.onEnd?.(status);
  }
}
