import { callTags } from '@switchboard/contracts';
import {
  INITIAL_MENU_STATE,
  reduceMenu,
  type MenuCommand,
  type MenuDefinition,
  type MenuEvent,
  type MenuState,
  type StepAction,
} from '@switchboard/domain';
import { carrier } from '../../activity-proxies';
import type { CallSession } from '../call-session';
import type { StepDone } from './step-handler';

/**
 * An IVR menu, driven by libs/domain's menu reducer: each prompt is a gather, whose end the carrier
 * reports (keys, an invalid key, or silence); the reducer says what follows (another try, a
 * notice, the chosen step, the fallback).
 */
export async function menu(s: CallSession, a: Extract<StepAction, { type: 'menu' }>): Promise<StepDone> {
  s.enter(a.stepId);
  return { next: await runMenu(s, a.menu) };
}

/** The status of a gather (or prompt) the caller's hangup ended. */
const CALL_HANGUP = 'call_hangup';

async function runMenu(s: CallSession, menu: MenuDefinition): Promise<string | null> {
  const start = reduceMenu(menu, INITIAL_MENU_STATE, { type: 'start' });
  let ms: MenuState = start.state;
  let pending: MenuCommand[] = [...start.commands];
  while (pending.length > 0 && !s.ended()) {
    const c = pending.shift()!;
    if (c.type === 'goto') {
      if (c.digit) s.state.path[s.state.path.length - 1].detail = `pressed ${c.digit}`;
      return c.stepId;
    }
    if (c.type === 'play') {
      const gatherId = ms.gatherId;
      await s.speak(c.prompt, (n) => callTags.menuNotice(menu.id, gatherId, n));
      continue;
    }
    const event = await gather(s, menu, c);
    if (event === 'missing_audio') return menu.fallback;
    if (event === 'gone') return null;
    const r = reduceMenu(menu, ms, event);
    ms = r.state;
    pending = [...r.commands];
  }
  return null;
}

/** One menu prompt with its keys: what the caller did, as the reducer's event. */
async function gather(
  s: CallSession,
  menu: MenuDefinition,
  c: Extract<MenuCommand, { type: 'prompt' }>,
): Promise<MenuEvent | 'missing_audio' | 'gone'> {
  const url = c.prompt.kind === 'audio' ? s.audioUrl(c.prompt.audioId) : undefined;
  if (c.prompt.kind === 'audio' && url === undefined) {
    s.enter(menu.id, `audio "${c.prompt.audioId}" is missing`);
    return 'missing_audio';
  }
  // Each visit has its own tag: a menu entered again must not read the earlier visit's keys.
  const tag = callTags.menuGather(menu.id, s.nextGather());
  const prompt =
    c.prompt.kind === 'tts'
      ? { text: c.prompt.text, voice: c.prompt.voice ?? s.route.defaultVoice, language: c.prompt.language }
      : { audioUrl: url! };
  await s.send(() =>
    carrier.gatherDigits(s.caller.callControlId, {
      ...prompt,
      validDigits: Object.keys(menu.options).join('') + (menu.repeatOnStar ? '*' : ''),
      maxDigits: c.gather.maxDigits,
      timeoutMillis: c.gather.timeoutSeconds * 1000,
      state: s.onCaller(tag),
    }),
  );
  // The carrier reports the gather's end; the bound only covers a lost webhook.
  await s.wait(() => s.state.gathers.has(tag), s.timing.promptWaitMs + c.gather.timeoutSeconds * 1000);
  const g = s.state.gathers.get(tag);
  // A gather cut short by the caller hanging up ends before its call.hangup arrives: wait for that
  // rather than read silence into it (the menu's fallback would run on a call that is over).
  if (g?.status === CALL_HANGUP) await s.wait(() => false, s.timing.ringMarginMs);
  if (s.ended() || g?.status === CALL_HANGUP) return 'gone';
  const gatherId = c.gather.gatherId;
  if (g?.status === 'valid' && g.digits) return { type: 'digits', digits: g.digits, gatherId };
  if (g?.status === 'invalid') return { type: 'invalid', gatherId };
  return { type: 'timeout', gatherId };
}
