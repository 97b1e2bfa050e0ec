import type { Prompt } from '../flow/prompt';
import { isMenuDigit, type MenuDefinition, type MenuDigit } from './menu-model';

/*
 * One IVR menu as a reducer: (definition, state, event) → { state, commands }. The workflow
 * carries out the commands (play, prompt-and-gather, goto) through activities and feeds back
 * what the carrier reported as events. Nothing here waits or talks to the carrier.
 *
 * Counting: one combined retry counter. Each timeout or invalid key uses one retry; when a
 * failure happens with no retries left, the call goes to the fallback step. So a menu with
 * maxRetries = 2 prompts at most three times. Timeouts and invalid keys are also counted
 * separately for the call record. `*` (when repeatOnStar) replays the menu without using a retry:
 * a caller asking to hear the options again is not failing.
 *
 * DTMF arrives as signals, possibly late or twice. Every prompt opens a new gather with a
 * sequence number (`gatherId`); events that carry an older gatherId, and any event after the menu
 * has decided, are ignored. A digits event without any DTMF character (a partial or empty report)
 * changes nothing: the timer will report the timeout. When several keys arrive at once only the
 * first counts, because options are single keys.
 */

export type MenuPhase = 'idle' | 'waiting' | 'done';

export interface MenuState {
  readonly phase: MenuPhase;
  /** Sequence number of the gather currently awaited (0 before the first prompt). */
  readonly gatherId: number;
  /** Retries used (timeouts + invalid keys). */
  readonly retriesUsed: number;
  readonly invalidCount: number;
  readonly timeoutCount: number;
  readonly repeatCount: number;
  /** Set once the menu has decided. */
  readonly outcome?: MenuOutcome;
}

export type MenuOutcome =
  | { readonly kind: 'option'; readonly digit: MenuDigit; readonly stepId: string }
  | { readonly kind: 'fallback'; readonly stepId: string; readonly lastFailure: 'timeout' | 'invalid' };

export type MenuEvent =
  | { readonly type: 'start' }
  | { readonly type: 'digits'; readonly digits: string; readonly gatherId?: number }
  | { readonly type: 'timeout'; readonly gatherId?: number }
  | { readonly type: 'invalid'; readonly gatherId?: number };

export interface GatherSpec {
  readonly gatherId: number;
  readonly timeoutSeconds: number;
  /** Menus decide on one key. */
  readonly maxDigits: 1;
}

export type MenuCommand =
  | { readonly type: 'prompt'; readonly prompt: Prompt; readonly gather: GatherSpec }
  | { readonly type: 'play'; readonly prompt: Prompt }
  | {
      readonly type: 'goto';
      readonly stepId: string;
      readonly reason: 'option' | 'max_retries';
      readonly digit?: MenuDigit;
    };

export interface MenuTransition {
  readonly state: MenuState;
  readonly commands: MenuCommand[];
}

export const INITIAL_MENU_STATE: MenuState = {
  phase: 'idle',
  gatherId: 0,
  retriesUsed: 0,
  invalidCount: 0,
  timeoutCount: 0,
  repeatCount: 0,
};

const DTMF = /[0-9*#A-Da-d]/;

export function reduceMenu(menu: MenuDefinition, state: MenuState, event: MenuEvent): MenuTransition {
  const unchanged: MenuTransition = { state, commands: [] };

  if (event.type === 'start') {
    return state.phase === 'idle' ? prompt(menu, state) : unchanged;
  }
  if (state.phase !== 'waiting') return unchanged;
  if (event.gatherId !== undefined && event.gatherId !== state.gatherId) return unchanged;

  switch (event.type) {
    case 'timeout':
      return fail(menu, state, 'timeout');
    case 'invalid':
      return fail(menu, state, 'invalid');
    case 'digits': {
      const key = DTMF.exec(event.digits)?.[0].toUpperCase();
      if (key === undefined) return unchanged;
      const target = isMenuDigit(key) ? menu.options[key] : undefined;
      if (isMenuDigit(key) && target !== undefined) {
        const outcome: MenuOutcome = { kind: 'option', digit: key, stepId: target };
        return {
          state: { ...state, phase: 'done', outcome },
          commands: [{ type: 'goto', stepId: target, reason: 'option', digit: key }],
        };
      }
      if (key === '*' && menu.repeatOnStar === true) {
        return prompt(menu, { ...state, repeatCount: state.repeatCount + 1 });
      }
      return fail(menu, state, 'invalid');
    }
  }
}

function prompt(menu: MenuDefinition, state: MenuState, before: MenuCommand[] = []): MenuTransition {
  const gatherId = state.gatherId + 1;
  return {
    state: { ...state, phase: 'waiting', gatherId },
    commands: [
      ...before,
      {
        type: 'prompt',
        prompt: menu.prompt,
        gather: { gatherId, timeoutSeconds: menu.timeoutSeconds, maxDigits: 1 },
      },
    ],
  };
}

function fail(menu: MenuDefinition, state: MenuState, failure: 'timeout' | 'invalid'): MenuTransition {
  const counted: MenuState =
    failure === 'timeout'
      ? { ...state, timeoutCount: state.timeoutCount + 1 }
      : { ...state, invalidCount: state.invalidCount + 1 };
  const notice = failure === 'timeout' ? menu.timeoutPrompt : menu.invalidPrompt;
  const before: MenuCommand[] = notice === undefined ? [] : [{ type: 'play', prompt: notice }];

  if (state.retriesUsed < menu.maxRetries) {
    return prompt(menu, { ...counted, retriesUsed: state.retriesUsed + 1 }, before);
  }
  const outcome: MenuOutcome = { kind: 'fallback', stepId: menu.fallback, lastFailure: failure };
  return {
    state: { ...counted, phase: 'done', outcome },
    commands: [...before, { type: 'goto', stepId: menu.fallback, reason: 'max_retries' }],
  };
}
