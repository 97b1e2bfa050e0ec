import { callTags } from '@switchboard/contracts';
import { describeRingPlan, endpointDialString, type RingPlan, type StepAction } from '@switchboard/domain';
import { carrier, lookup } from '../../activity-proxies';
import type { CallSession } from '../call-session';
import { ringAndConnect, type RingResult } from '../ring';
import type { StepDone } from './step-handler';

/**
 * Rings a ring group as stored now: the plan (members available, strategy, round-robin turn) is
 * drawn at the step, then rung wave after wave while the caller hears the group's hold audio.
 */
export async function ringGroup(
  s: CallSession,
  a: Extract<StepAction, { type: 'ring_group' }>,
): Promise<StepDone> {
  const plan = await lookup.planRingGroup({
    claimId: `${s.wf}/${a.stepId}#${s.nextRing()}`,
    propertyId: s.route.propertyId,
    ringGroupId: a.ringGroupId,
  });
  s.enter(a.stepId, plan ? describeRingPlan(plan) : `ring group "${a.ringGroupId}" no longer exists`);
  if (!plan) return { next: a.noAnswer };
  const rung = await ringWaves(s, plan, a.stepId);
  if (typeof rung === 'object') return { connected: rung };
  return { next: rung === 'no_answer' ? a.noAnswer : null };
}

/** Each wave rings its agents at once; the next wave rings when nobody in it answered. */
async function ringWaves(s: CallSession, plan: RingPlan, stepId: string): Promise<RingResult> {
  if (plan.waves.length === 0) return 'no_answer';
  const stopHold = await startHold(s, plan, stepId);
  for (const [i, wave] of plan.waves.entries()) {
    const rung = await ringAndConnect(s, {
      targets: wave.targets.map((t) => ({
        to: endpointDialString(t.endpoint),
        timeoutSecs: t.timeoutSeconds,
      })),
      timeoutSecs: wave.timeoutSeconds,
      from: s.caller.to,
      tag: callTags.ring(stepId, i + 1),
      record: s.flow?.recording,
      transcribe: s.flow?.transcription,
      whisper: plan.whisper,
      ...(stopHold ? { beforeBridge: stopHold } : {}),
    });
    if (rung !== 'no_answer') return rung;
  }
  await stopHold?.();
  return 'no_answer';
}

/**
 * Starts what the caller hears while agents ring: speech once (not awaited), or audio looped until
 * an agent is connected. Returns what stops looped audio; nothing when none plays.
 */
async function startHold(
  s: CallSession,
  plan: RingPlan,
  stepId: string,
): Promise<(() => Promise<void>) | undefined> {
  const hold = plan.callerHears.kind === 'hold_audio' ? plan.callerHears.prompt : undefined;
  if (!hold) return undefined;
  const tag = callTags.hold(stepId, s.nextPrompt());
  if (hold.kind === 'tts') {
    await s.send(() =>
      carrier.speakText(s.caller.callControlId, {
        text: hold.text,
        voice: hold.voice ?? s.route.defaultVoice,
        language: hold.language,
        state: s.onCaller(tag),
      }),
    );
    return undefined;
  }
  const url = s.audioUrl(hold.audioId);
  if (!url) return undefined;
  let holding = await s.send(() =>
    carrier.playAudio(s.caller.callControlId, { url, loop: 'infinity', state: s.onCaller(tag) }),
  );
  if (!holding) return undefined;
  return async () => {
    if (holding) await s.send(() => carrier.stopPlayback(s.caller.callControlId));
    holding = false;
  };
}
