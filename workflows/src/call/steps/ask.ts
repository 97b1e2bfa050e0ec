import { callTags } from '@switchboard/contracts';
import {
  askParameters,
  describeAnswer,
  normaliseAnswer,
  routeAnswer,
  type AskAnswer,
  type AskDefinition,
  type StepAction,
} from '@switchboard/domain';
import { carrier } from '../../activity-proxies';
import { isCallGone } from '../../carrier-commands';
import type { CallSession } from '../call-session';
import type { StepDone } from './step-handler';

/** The status of a gather the caller's hangup ended. */
const CALL_HANGUP = 'call_hangup';

/**
 * A spoken front desk: the carrier's AI gather asks the question and reads the answer into the
 * step's fields (call.ai_gather.ended); libs/domain routes on them. Silence, an answer the
 * carrier marks invalid, a lost webhook or a refused command all take the fallback, like a menu
 * the caller did not answer. The path shows what was understood.
 */
export async function ask(s: CallSession, a: Extract<StepAction, { type: 'ask' }>): Promise<StepDone> {
  s.enter(a.stepId);
  const answer = await gather(s, a.ask);
  if (answer === 'gone') return { next: null };
  const outcome = routeAnswer(a.ask, answer === 'failed' ? null : answer);
  const said = answer === 'failed' ? 'not understood' : describeAnswer(a.ask.fields, answer);
  const how =
    outcome.kind === 'route' ? '' : outcome.reason === 'no_match' ? ': no route, fallback' : ': fallback';
  s.state.path[s.state.path.length - 1].detail = `${said}${how}`;
  return { next: outcome.stepId };
}

async function gather(s: CallSession, def: AskDefinition): Promise<AskAnswer | 'failed' | 'gone'> {
  // The carrier speaks the question itself: validation admits text prompts only.
  const prompt = def.prompt;
  if (prompt.kind !== 'tts') return 'failed';
  const tag = callTags.askGather(def.id, s.nextGather());
  try {
    const sent = await s.send(() =>
      carrier.gatherUsingAi(s.caller.callControlId, {
        greeting: prompt.text,
        voice: prompt.voice ?? s.route.defaultVoice,
        ...(prompt.language ? { language: prompt.language } : {}),
        parameters: { ...askParameters(def.fields) },
        userResponseTimeoutMs: def.timeoutSeconds * 1000,
        state: s.onCaller(tag),
      }),
    );
    if (!sent) return 'gone';
  } catch (err) {
    // A carrier that refuses the AI gather (or keeps failing) must not end the call: the fallback
    // is a key menu that works everywhere.
    if (isCallGone(err)) return 'gone';
    return 'failed';
  }
  // The carrier reports the gather's end; the bound covers the question, the answer and a lost webhook.
  await s.wait(() => s.state.aiGathers.has(tag), s.timing.promptWaitMs + def.timeoutSeconds * 1000);
  const g = s.state.aiGathers.get(tag);
  if (g?.status === CALL_HANGUP) await s.wait(() => false, s.timing.ringMarginMs);
  if (s.ended() || g?.status === CALL_HANGUP) return 'gone';
  if (g === undefined || g.status !== 'valid') return 'failed';
  return normaliseAnswer(def.fields, g.result);
}
