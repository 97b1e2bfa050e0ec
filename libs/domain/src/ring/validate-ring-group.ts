import { checkPrompt } from '../flow/validate-prompt';
import { isE164 } from '../shared/e164';
import type { ValidationIssue, ValidationReport } from '../shared/validation-issue';
import type { CallerHears, RingGroup } from './ring-group-model';
import { RING_STRATEGIES } from './ring-group-model';

/** Checks a ring group before it is saved; `audioIds` enables the missing-audio check. */
export function validateRingGroup(
  group: RingGroup,
  ctx: { audioIds?: ReadonlySet<string> } = {},
): ValidationReport {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const error = (code: string, path: string, message: string) => errors.push({ code, path, message });

  if (typeof group.id !== 'string' || group.id.trim() === '')
    error('missing_id', 'id', 'The ring group has no id.');
  if (!RING_STRATEGIES.includes(group.strategy)) {
    error(
      'invalid_strategy',
      'strategy',
      `"${String(group.strategy)}" is not a strategy (${RING_STRATEGIES.join(', ')}).`,
    );
  }
  if (!Array.isArray(group.members) || group.members.length === 0) {
    warnings.push({
      code: 'no_members',
      path: 'members',
      message: 'The ring group has no members: calls go straight to the no-answer step.',
    });
  }
  if (!positive(group.agentRingTimeoutSeconds))
    error(
      'invalid_timeout',
      'agentRingTimeoutSeconds',
      'The ring timeout must be a positive number of seconds.',
    );
  if (group.overallTimeoutSeconds !== undefined && !positive(group.overallTimeoutSeconds)) {
    error(
      'invalid_timeout',
      'overallTimeoutSeconds',
      'The overall timeout must be a positive number of seconds.',
    );
  }

  const seen = new Set<string>();
  (group.members ?? []).forEach((member, i) => {
    const path = `members[${i}]`;
    if (seen.has(member.agentId))
      error('duplicate_member', `${path}.agentId`, `Agent "${member.agentId}" is in the group twice.`);
    seen.add(member.agentId);
    const endpoint = member.endpoint;
    const endpointOk =
      endpoint !== undefined &&
      ((endpoint.kind === 'phone' && isE164(endpoint.number)) ||
        (endpoint.kind === 'sip' && /^sips?:[^@\s]+@[^@\s]+$/i.test(endpoint.uri)) ||
        (endpoint.kind === 'webrtc' &&
          typeof endpoint.username === 'string' &&
          endpoint.username.trim() !== ''));
    if (!endpointOk)
      error(
        'invalid_endpoint',
        `${path}.endpoint`,
        `Agent "${member.agentId}" has no valid phone number, SIP URI or WebRTC login.`,
      );
    if (member.ringTimeoutSeconds !== undefined && !positive(member.ringTimeoutSeconds)) {
      error(
        'invalid_timeout',
        `${path}.ringTimeoutSeconds`,
        `Agent "${member.agentId}" needs a positive ring timeout.`,
      );
    }
  });

  if (group.whisper !== undefined) errors.push(...checkPrompt(group.whisper, 'whisper', ctx.audioIds));
  // Saved groups come from admins as JSON, so the union's tag is checked rather than trusted.
  const hears = group.callerHears as CallerHears | null | undefined;
  if (hears?.kind === 'hold_audio')
    errors.push(...checkPrompt(hears.prompt, 'callerHears.prompt', ctx.audioIds));
  else if (hears?.kind !== 'ringback')
    error(
      'invalid_caller_hears',
      'callerHears',
      'What the caller hears must be {"kind":"ringback"} or {"kind":"hold_audio","prompt":…}.',
    );
  return { errors, warnings };
}

function positive(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
