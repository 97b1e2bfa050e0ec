import { randomBytes, randomUUID } from 'node:crypto';
import { CallLeg, type LegDirection } from './call-leg';
import { isoMicros, SimClock } from './sim-clock';
import type { AgentBehaviour, ConversationLine } from './scripts';

export interface CommandRecord {
  /** Real epoch ms when the command arrived. */
  t_ms: number;
  call_control_id: string;
  action: string;
  body: unknown;
  status: number;
  duplicate: boolean;
  error_code?: string;
  /** Answered by an injected API fault (setFaults), not by the command's own handling. */
  injected_fault?: boolean;
}

export interface DeliveryAttempt {
  attempt: number;
  sent_t_ms: number;
  acked_t_ms?: number;
  status?: number;
  error?: string;
  /** A deliberate second copy (duplicateWebhooks fault). */
  duplicate?: boolean;
}

export interface WebhookRecord {
  event_id: string;
  event_type: string;
  call_control_id: string;
  occurred_at: string;
  generated_t_ms: number;
  url: string | null;
  attempts: DeliveryAttempt[];
  delivered: boolean;
  failed: boolean;
  error?: string;
  /**
   * The digits a `call.gather.ended` carried (payloads are not kept), so a timeline can tell a menu
   * choice from a timeout, e.g. for the benchmark's DTMF-to-next-command latency.
   */
  digits?: string;
}

export interface LegTimeline {
  call_control_id: string;
  call_leg_id: string;
  direction: LegDirection;
  from: string;
  to: string;
  state: string;
  client_state: string | null;
  started_at: string;
  answered_at: string | null;
  bridged_with: string | null;
  ended_at: string | null;
  hangup_cause: string | null;
  hangup_source: string | null;
  /** Recordings made on the leg, with the intervals they were paused (tests check what was left out). */
  recordings: RecordingTimeline[];
}

export interface RecordingTimeline {
  recording_id: string;
  channels: 'single' | 'dual';
  started_at: string;
  ended_at: string | null;
  /** record_pause to record_resume (or the recording's end); `to` null while still paused. */
  paused: { from: string; to: string | null }[];
}

export interface SessionTimeline {
  call_session_id: string;
  alive: boolean;
  legs: LegTimeline[];
  commands: CommandRecord[];
  webhooks: WebhookRecord[];
}

export interface SessionSummary {
  call_session_id: string;
  alive: boolean;
  from: string;
  to: string;
  started_at: string;
  legs: number;
  commands: number;
  webhooks: number;
  webhooks_pending: number;
  webhooks_failed: number;
}

export interface Session {
  id: string;
  clock: SimClock;
  legs: CallLeg[];
  agents: Record<string, AgentBehaviour>;
  webhookUrl: string | undefined;
  /** What the caller and the agent say once bridged (the inbound script's `conversation`). */
  conversation: ConversationLine[];
  commands: CommandRecord[];
  webhooks: WebhookRecord[];
}

/** Telnyx call_control_ids look like `v3:<base64url>`; ids must survive URL encoding by the SDK. */
const newCallControlId = () => `v3:${randomBytes(30).toString('base64url')}`;

export class CallStore {
  private readonly sessionsById = new Map<string, Session>();
  private readonly legsById = new Map<string, CallLeg>();

  constructor(
    private readonly timeScale: number,
    private readonly onClockSettled: () => void,
  ) {}

  createSession(
    anchorScenarioMs: number,
    agents: Record<string, AgentBehaviour> = {},
    webhookUrl?: string,
  ): Session {
    const session: Session = {
      id: randomUUID(),
      clock: new SimClock(anchorScenarioMs, this.timeScale, this.onClockSettled),
      legs: [],
      agents,
      webhookUrl,
      conversation: [],
      commands: [],
      webhooks: [],
    };
    this.sessionsById.set(session.id, session);
    return session;
  }

  createLeg(
    session: Session,
    direction: LegDirection,
    from: string,
    to: string,
    callerIdName?: string,
  ): CallLeg {
    const leg = new CallLeg(
      session,
      newCallControlId(),
      randomUUID(),
      direction,
      from,
      to,
      session.clock.now(),
      callerIdName,
    );
    session.legs.push(leg);
    this.legsById.set(leg.callControlId, leg);
    return leg;
  }

  leg(callControlId: string): CallLeg | undefined {
    return this.legsById.get(callControlId);
  }

  session(id: string): Session | undefined {
    return this.sessionsById.get(id);
  }

  allSessions(): Session[] {
    return [...this.sessionsById.values()];
  }

  aliveLegCount(): number {
    let n = 0;
    for (const leg of this.legsById.values()) if (leg.alive) n++;
    return n;
  }

  pendingTimerCount(): number {
    let n = 0;
    for (const s of this.sessionsById.values()) n += s.clock.pendingTasks;
    return n;
  }

  /** Forgets sessions with no live leg, no pending timer and no webhook in flight. */
  forgetEnded(hasPendingWebhooks: (sessionId: string) => boolean): number {
    let n = 0;
    for (const s of [...this.sessionsById.values()]) {
      if (isAlive(s) || s.clock.pendingTasks > 0 || hasPendingWebhooks(s.id)) continue;
      s.clock.stop();
      for (const leg of s.legs) this.legsById.delete(leg.callControlId);
      this.sessionsById.delete(s.id);
      n++;
    }
    return n;
  }

  stopAll(): void {
    for (const s of this.sessionsById.values()) s.clock.stop();
  }
}

export const isAlive = (s: Session) => s.legs.some((l) => l.alive);

const isoOrNull = (ms: number | undefined) => (ms === undefined ? null : isoMicros(ms));

export function toTimeline(s: Session): SessionTimeline {
  return {
    call_session_id: s.id,
    alive: isAlive(s),
    legs: s.legs.map((l) => ({
      call_control_id: l.callControlId,
      call_leg_id: l.callLegId,
      direction: l.direction,
      from: l.from,
      to: l.to,
      state: l.state,
      client_state: l.clientState,
      started_at: isoMicros(l.startMs),
      answered_at: isoOrNull(l.answeredMs),
      bridged_with: (l.bridgedWith ?? l.lastBridgedWith)?.callControlId ?? null,
      ended_at: isoOrNull(l.endedMs),
      hangup_cause: l.hangupCause ?? null,
      hangup_source: l.hangupSource ?? null,
      recordings: l.recordings.map((r) => ({
        recording_id: r.id,
        channels: r.channels,
        started_at: isoMicros(r.startedMs),
        ended_at: isoOrNull(r.endedMs),
        paused: r.pauses.map((p) => ({ from: isoMicros(p.fromMs), to: isoOrNull(p.toMs) })),
      })),
    })),
    commands: s.commands.map((c) => ({ ...c })),
    webhooks: s.webhooks.map((w) => ({ ...w, attempts: w.attempts.map((a) => ({ ...a })) })),
  };
}

export function toSummary(s: Session): SessionSummary {
  const first = s.legs[0];
  return {
    call_session_id: s.id,
    alive: isAlive(s),
    from: first?.from ?? '',
    to: first?.to ?? '',
    started_at: first ? isoMicros(first.startMs) : '',
    legs: s.legs.length,
    commands: s.commands.length,
    webhooks: s.webhooks.length,
    webhooks_pending: s.webhooks.filter((w) => !w.delivered && !w.failed).length,
    webhooks_failed: s.webhooks.filter((w) => w.failed).length,
  };
}
