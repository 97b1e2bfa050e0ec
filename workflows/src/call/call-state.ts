import type { CarrierEvent, PathEntry } from '@switchboard/contracts';

/** One carrier leg of the call: the inbound caller, or an agent/destination we dialled. */
export interface Leg {
  callControlId: string;
  role: 'caller' | 'agent';
  /** Destination we dialled (agent legs). */
  to?: string;
  answeredAt?: string;
  endedAt?: string;
  hangupCause?: string;
  hangupSource?: string;
}

/**
 * Everything the workflow knows about its call, updated only by carrier events. Webhooks arrive
 * duplicated and out of order: events are deduplicated by id, and state changes are monotonic
 * (a leg once ended stays ended), so the order they are applied in does not matter.
 */
export class CallState {
  private readonly seen = new Set<string>();
  readonly legs = new Map<string, Leg>();
  caller?: { callControlId: string; from: string; to: string; startedAt: string; sessionId: string };
  /** Carrier-clock instant of the latest event seen: the time base for the call's path. */
  lastEventAt?: string;
  /** Workflow time when that event was applied (see carrierNow). */
  private lastEventSeenMs?: number;
  /** Prompt tags whose playback has finished. */
  readonly finishedPrompts = new Set<string>();
  /** Results of gathers (menu prompts) by tag. */
  readonly gathers = new Map<string, { digits: string; status: string }>();
  /** Results of AI gathers (spoken front desk questions) by tag: the carrier's status and fields. */
  readonly aiGathers = new Map<string, { status: string; result: Record<string, unknown> | null }>();
  /** Recordings saved, by the tag of the leg state that started them. */
  readonly recordings = new Map<string, string>();
  readonly path: PathEntry[] = [];
  step = 'waiting';

  /** Applies an event once; returns false for a duplicate delivery. */
  apply(e: CarrierEvent): boolean {
    if (this.seen.has(e.eventId)) return false;
    this.seen.add(e.eventId);
    if (!this.lastEventAt || Date.parse(e.occurredAt) > Date.parse(this.lastEventAt)) {
      this.lastEventAt = e.occurredAt;
      this.lastEventSeenMs = Date.now();
    }

    const role = e.clientState?.role ?? (e.direction === 'outgoing' ? 'agent' : 'caller');
    const leg = this.leg(e.callControlId, role);
    switch (e.type) {
      case 'call.initiated':
        if (role === 'caller' && !this.caller && e.from && e.to) {
          this.caller = {
            callControlId: e.callControlId,
            from: e.from,
            to: e.to,
            startedAt: e.occurredAt,
            sessionId: e.callSessionId ?? '',
          };
        }
        break;
      case 'call.answered':
        leg.answeredAt ??= e.occurredAt;
        break;
      case 'call.hangup':
        if (!leg.endedAt) {
          leg.endedAt = e.occurredAt;
          leg.hangupCause = e.hangupCause;
          leg.hangupSource = e.hangupSource;
        }
        break;
      case 'call.speak.ended':
      case 'call.playback.ended':
        // A prompt cut short by the caller hanging up is not "finished": the hangup follows.
        if (e.clientState?.tag && e.status !== 'call_hangup') this.finishedPrompts.add(e.clientState.tag);
        break;
      case 'call.gather.ended':
        if (e.clientState?.tag && !this.gathers.has(e.clientState.tag)) {
          this.gathers.set(e.clientState.tag, { digits: e.digits ?? '', status: e.status ?? 'timeout' });
        }
        break;
      case 'call.ai_gather.ended':
        if (e.clientState?.tag && !this.aiGathers.has(e.clientState.tag)) {
          this.aiGathers.set(e.clientState.tag, {
            status: e.status ?? 'invalid',
            result: e.gathered ?? null,
          });
        }
        break;
      case 'call.recording.saved':
        if (e.recordingUrl) this.recordings.set(e.clientState?.tag ?? '', e.recordingUrl);
        break;
      default:
        break;
    }
    return true;
  }

  private leg(callControlId: string, role: 'caller' | 'agent'): Leg {
    let leg = this.legs.get(callControlId);
    if (!leg) {
      leg = { callControlId, role };
      this.legs.set(callControlId, leg);
    }
    return leg;
  }

  /** Registers a leg we dialled, whether or not its first webhook has already arrived. */
  dialled(callControlId: string, to: string): Leg {
    const leg = this.leg(callControlId, 'agent');
    leg.to = to;
    return leg;
  }

  callerLeg(): Leg | undefined {
    return this.caller ? this.legs.get(this.caller.callControlId) : undefined;
  }

  callerEnded(): boolean {
    return !!this.callerLeg()?.endedAt;
  }

  /**
   * Now on the carrier's clock, for what the workflow does without a webhook to date it (a
   * recording started or paused: Telnyx sends none): the latest event's instant plus the workflow
   * time since it was applied. The record's times all stay on one clock (a scenario's call may be
   * dated days back), and never before the event that came first.
   */
  carrierNow(): string {
    const base = this.lastEventAt ?? this.caller?.startedAt;
    if (base === undefined) return new Date(Date.now()).toISOString();
    const since = this.lastEventSeenMs === undefined ? 0 : Math.max(0, Date.now() - this.lastEventSeenMs);
    return new Date(Date.parse(base) + since).toISOString();
  }

  enter(step: string, detail?: string): void {
    this.step = step;
    this.path.push({
      step,
      at: this.lastEventAt ?? this.caller?.startedAt ?? '',
      ...(detail ? { detail } : {}),
    });
  }
}
