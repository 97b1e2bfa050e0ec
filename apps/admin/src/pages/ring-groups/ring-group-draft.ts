import type { CallerHears, Prompt, RingStrategy } from '@switchboard/domain';
import type { Body, Ok } from '../../api/types';

export type RingGroupBody = Body<'/v1/properties/{propertyId}/ring-groups', 'post'>;
export type SavedRingGroup = Ok<'/v1/properties/{propertyId}/ring-groups/{ringGroupId}', 'get'>;

export const STRATEGIES: Record<RingStrategy, { label: string; hint: string }> = {
  simultaneous: {
    label: 'Simultaneous',
    hint: 'Ring every member at once; the first to answer takes the call.',
  },
  sequential: { label: 'In order', hint: 'Ring one member at a time, always starting with the first.' },
  round_robin: {
    label: 'Round robin',
    hint: 'One at a time, starting where the previous call left off, so calls spread across members.',
  },
};

/** A member as the form holds it: the per-member timeout as typed ('' = the group's). */
export interface MemberDraft {
  agentId: string;
  ringTimeoutSeconds: string;
}

export interface RingGroupDraft {
  id: string;
  name: string;
  strategy: RingStrategy;
  members: MemberDraft[];
  agentRingTimeoutSeconds: string;
  overallTimeoutSeconds: string;
  skipUnavailable: boolean;
  whisper: Prompt | undefined;
  /** What the caller hears meanwhile: ringback, or this prompt on hold. */
  holdPrompt: Prompt | undefined;
}

export const newDraft = (): RingGroupDraft => ({
  id: '',
  name: '',
  strategy: 'simultaneous',
  members: [],
  agentRingTimeoutSeconds: '20',
  overallTimeoutSeconds: '',
  skipUnavailable: true,
  whisper: undefined,
  holdPrompt: undefined,
});

export function draftOf(g: SavedRingGroup): RingGroupDraft {
  const hears = g.callerHears as CallerHears;
  return {
    id: g.id,
    name: g.name,
    strategy: g.strategy,
    members: g.members.map((m) => ({
      agentId: m.agentId,
      ringTimeoutSeconds: m.ringTimeoutSeconds === undefined ? '' : String(m.ringTimeoutSeconds),
    })),
    agentRingTimeoutSeconds: String(g.agentRingTimeoutSeconds),
    overallTimeoutSeconds: g.overallTimeoutSeconds === undefined ? '' : String(g.overallTimeoutSeconds),
    skipUnavailable: g.skipUnavailable,
    whisper: g.whisper,
    holdPrompt: hears.kind === 'hold_audio' ? hears.prompt : undefined,
  };
}

/** A number as typed; what is not one goes to the api as is, which names the field. */
const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));

export function bodyOf(d: RingGroupDraft): RingGroupBody {
  const hears: CallerHears = d.holdPrompt
    ? { kind: 'hold_audio', prompt: d.holdPrompt }
    : { kind: 'ringback' };
  return {
    ...(d.id.trim() ? { id: d.id.trim() } : {}),
    name: d.name,
    strategy: d.strategy,
    members: d.members.map((m) => ({
      agentId: m.agentId,
      ...(m.ringTimeoutSeconds.trim() ? { ringTimeoutSeconds: num(m.ringTimeoutSeconds) } : {}),
    })),
    agentRingTimeoutSeconds: num(d.agentRingTimeoutSeconds),
    ...(d.overallTimeoutSeconds.trim() ? { overallTimeoutSeconds: num(d.overallTimeoutSeconds) } : {}),
    skipUnavailable: d.skipUnavailable,
    ...(d.whisper ? { whisper: d.whisper } : {}),
    callerHears: hears,
  } as RingGroupBody;
}

/** Moves item `i` by `by` places (−1 up, +1 down); out of range leaves the list as it was. */
export function moved<T>(list: readonly T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}
