import type { Prompt } from '../flow/prompt';
import type {
  AgentEndpoint,
  CallerHears,
  RingGroup,
  RingGroupMember,
  RingStrategy,
} from './ring-group-model';

export interface RingTarget {
  readonly agentId: string;
  readonly endpoint: AgentEndpoint;
  /** How long this leg may ring (never beyond its wave). */
  readonly timeoutSeconds: number;
}

/** Members rung together; the wave ends when one answers, all fail, or its timeout passes. */
export interface RingWave {
  readonly targets: readonly RingTarget[];
  readonly timeoutSeconds: number;
}

export interface RingPlan {
  readonly ringGroupId: string;
  readonly strategy: RingStrategy;
  /** In order. Empty when nobody can be rung: go straight to the no-answer step. */
  readonly waves: readonly RingWave[];
  /** Members left out because they were unavailable. */
  readonly skippedAgentIds: readonly string[];
  /** Members dropped because the overall timeout ran out before their turn. */
  readonly truncatedAgentIds: readonly string[];
  /** Sum of the wave timeouts (already within the overall timeout). */
  readonly totalSeconds: number;
  /**
   * Round-robin pointer to persist for the group's next call: one past the first member offered
   * this call. Unchanged when nobody was offered, and for the other strategies.
   */
  readonly nextPointer: number;
  readonly whisper?: Prompt;
  readonly callerHears: CallerHears;
}

/**
 * Availability by agent id. Agents missing from the map count as available: presence is not
 * tracked for every endpoint (a plain phone number has none), and ringing is the safe default.
 */
export type AgentAvailability = Readonly<Record<string, boolean>>;

export function isAvailable(availability: AgentAvailability, agentId: string): boolean {
  return availability[agentId] !== false;
}

/** A pointer that always indexes the current member list (lists shrink; pointers are stored). */
export function normalizePointer(pointer: number, memberCount: number): number {
  if (memberCount === 0 || !Number.isFinite(pointer)) return 0;
  const p = Math.floor(pointer) % memberCount;
  return p < 0 ? p + memberCount : p;
}

/**
 * Which members to ring, in which waves, for how long. Pure: the workflow persists `nextPointer`
 * and executes the waves (one leg per target, hanging up the others when one answers).
 */
export function planRing(group: RingGroup, availability: AgentAvailability, pointer: number): RingPlan {
  const count = group.members.length;
  const start = normalizePointer(pointer, count);
  // Rotation for round robin; positions are kept so the pointer survives duplicate agents.
  const positions = group.members.map((_, i) => i);
  const order =
    group.strategy === 'round_robin' ? [...positions.slice(start), ...positions.slice(0, start)] : positions;
  const ordered: RingGroupMember[] = order.map((i) => group.members[i]);

  const usable = (m: RingGroupMember) => !group.skipUnavailable || isAvailable(availability, m.agentId);
  const candidates = ordered.filter(usable);
  const skippedAgentIds = ordered.filter((m) => !usable(m)).map((m) => m.agentId);

  const memberTimeout = (m: RingGroupMember) => m.ringTimeoutSeconds ?? group.agentRingTimeoutSeconds;
  const proposed: RingGroupMember[][] =
    group.strategy === 'simultaneous'
      ? candidates.length > 0
        ? [candidates]
        : []
      : candidates.map((m) => [m]);

  // Fit the waves into the overall timeout: the last one that starts is shortened, later ones dropped.
  let remaining = group.overallTimeoutSeconds ?? Number.POSITIVE_INFINITY;
  const waves: RingWave[] = [];
  const truncatedAgentIds: string[] = [];
  for (const members of proposed) {
    if (remaining <= 0) {
      truncatedAgentIds.push(...members.map((m) => m.agentId));
      continue;
    }
    const waveTimeout = Math.min(remaining, Math.max(...members.map(memberTimeout)));
    waves.push({
      timeoutSeconds: waveTimeout,
      targets: members.map((m) => ({
        agentId: m.agentId,
        endpoint: m.endpoint,
        timeoutSeconds: Math.min(memberTimeout(m), waveTimeout),
      })),
    });
    remaining -= waveTimeout;
  }

  let nextPointer = start;
  if (group.strategy === 'round_robin' && waves.length > 0) {
    const firstOffered = order.find((i) => usable(group.members[i]));
    if (firstOffered !== undefined) nextPointer = (firstOffered + 1) % count;
  }

  return {
    ringGroupId: group.id,
    strategy: group.strategy,
    waves,
    skippedAgentIds,
    truncatedAgentIds,
    totalSeconds: waves.reduce((sum, w) => sum + w.timeoutSeconds, 0),
    nextPointer: group.strategy === 'round_robin' ? nextPointer : normalizePointer(pointer, count),
    ...(group.whisper !== undefined ? { whisper: group.whisper } : {}),
    callerHears: group.callerHears,
  };
}

/** One line for the call's path and the Web UI: who is rung in which order, and who was left out. */
export function describeRingPlan(plan: RingPlan): string {
  const waves = plan.waves.map((w) => w.targets.map((t) => t.agentId).join(' + '));
  const parts = [`${plan.strategy}: ${waves.length > 0 ? waves.join(' → ') : 'nobody to ring'}`];
  if (plan.skippedAgentIds.length > 0) parts.push(`unavailable: ${plan.skippedAgentIds.join(', ')}`);
  if (plan.truncatedAgentIds.length > 0) parts.push(`out of time: ${plan.truncatedAgentIds.join(', ')}`);
  return parts.join('; ');
}
