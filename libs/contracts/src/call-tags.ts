import type { RecordingPurpose } from './background-work';

/**
 * The tags call workflows put in each carrier command's client_state (`LegState.tag`), and the
 * readers that tell from a webhook's tag what it was about: one module writes and reads them, so
 * the two cannot drift apart. The strings are frozen: recorded histories replay against them and
 * stored webhooks carry them, so a new kind of tag needs a shape of its own, never a changed one.
 *
 * Step ids are free text (`menu-2` and `front-w2` are valid ids), so readers take numbers and
 * suffixes off the end of a tag. A step id that itself ends in one of the suffixes below reads as
 * that kind (a play step named `intro-hold` reads as hold audio of `intro`): the shapes predate
 * this codec and cannot change.
 */

/** Joins a prompt to the call's prompt counter, so a step played twice (menus loop) gets two tags. */
const PLAYING = '#';
/** Joins a menu to the number of one of its gathers. */
const GATHER = '-';
const SUFFIX = {
  voicemailGreeting: '-greeting',
  menuNotice: '-play',
  hold: '-hold',
  whisper: '-whisper',
  wave: '-w',
  conversation: '-conversation',
  ask: '-ask',
} as const;

/** The recording disclosure's name in its tag: a call plays one, before any step. */
const DISCLOSURE = 'recording-disclosure';

const playing = (what: string, n: number): string => `${what}${PLAYING}${n}`;

/** The tag of every command the call workflows send, by what the command is for. */
export const callTags = {
  /** The forwarding flow's greeting: played once per call, so it needs no number. */
  greeting: (): string => 'greeting',
  /**
   * The recording disclosure, played before the flow's first step. A step with the id
   * `recording-disclosure` reads as it (see above).
   */
  disclosure: (n: number): string => playing(DISCLOSURE, n),
  /** A play step's or hangup step's message; `n` is the call's prompt counter, as in every `…#n`. */
  prompt: (step: string, n: number): string => playing(step, n),
  /** The greeting a voicemail step plays before recording. */
  voicemailGreeting: (step: string, n: number): string => playing(step + SUFFIX.voicemailGreeting, n),
  /** A menu's invalid-key or timeout message, played after its gather `gatherId`. */
  menuNotice: (menu: string, gatherId: number, n: number): string =>
    playing(`${menu}${GATHER}${gatherId}${SUFFIX.menuNotice}`, n),
  /**
   * A menu's gather (its prompt and the keys pressed). `visit` counts gathers across the call; in
   * calls before the `menu-visit-tags` patch it was the menu's own gatherId.
   */
  menuGather: (menu: string, visit: number): string => `${menu}${GATHER}${visit}`,
  /**
   * A spoken front desk's AI gather; `visit` counts them across the call, so a step asked again
   * never reads an earlier answer. Ends in letters then digits, so it never reads as a menu gather.
   */
  askGather: (step: string, visit: number): string => `${step}${SUFFIX.ask}${visit}`,
  /** What a ring group's caller hears while agents ring. */
  hold: (step: string, n: number): string => playing(step + SUFFIX.hold, n),
  /** Played to the agent who answered ring attempt `ring`, before the caller is connected. */
  whisper: (ring: string, n: number): string => playing(ring + SUFFIX.whisper, n),
  /** Every leg one ring attempt dials: a forward step's, or wave `wave` (from 1) of a ring group. */
  ring: (step: string, wave?: number): string => (wave === undefined ? step : `${step}${SUFFIX.wave}${wave}`),
  /** The forwarding flow's ring attempt. */
  forwardRing: (): string => 'forward',
  /** The message recorded by a voicemail step. */
  voicemail: (step: string): string => step,
  /** The recorded conversation with the agent ring attempt `ring` connected. */
  conversation: (ring: string): string => ring + SUFFIX.conversation,
  /** Click-to-call: the agent's own leg, rung first. */
  outboundAgent: (): string => 'agent',
  /** Click-to-call: the person the agent calls. */
  outboundCallee: (): string => 'callee',
};

/** `tag` without the `<sep><digits>` a writer put last, or null when it does not end so. */
function unnumbered(tag: string, sep: string): string | null {
  const at = tag.lastIndexOf(sep);
  return at >= 0 && /^\d+$/.test(tag.slice(at + sep.length)) ? tag.slice(0, at) : null;
}

/** `tag` without `suffix`, or null when it does not end with it. */
const unsuffixed = (tag: string, suffix: string): string | null =>
  tag.endsWith(suffix) ? tag.slice(0, -suffix.length) : null;

/** Where a prompt played in the flow. */
export type PromptPurpose =
  'greeting' | 'menu' | 'menu_notice' | 'hold' | 'whisper' | 'voicemail_greeting' | 'disclosure';

/** The step of a ring tag (`forward` for the forwarding flow's). */
export function stepOfRingTag(ring: string): string {
  return unnumbered(ring, SUFFIX.wave) ?? ring;
}

/** The menu of a gather's tag. */
export function menuOfGatherTag(tag: string): string {
  return unnumbered(tag, GATHER) ?? tag;
}

/**
 * What a prompt was for and the step, menu or ring step it belongs to, from the tag of its speak or
 * playback webhook. Only a gather's own prompt and the forwarding greeting carry a tag without a
 * playing number; the gather's ends in its number. A prompt without a tag reads as a greeting.
 */
export function promptOfTag(tag: string | undefined): { name: string | null; purpose: PromptPurpose } {
  if (!tag) return { name: null, purpose: 'greeting' };
  const what = unnumbered(tag, PLAYING);
  if (what === null) {
    const menu = unnumbered(tag, GATHER);
    return menu !== null ? { name: menu, purpose: 'menu' } : { name: tag, purpose: 'greeting' };
  }
  const notice = unsuffixed(what, SUFFIX.menuNotice);
  const noticeMenu = notice !== null ? unnumbered(notice, GATHER) : null;
  if (noticeMenu !== null) return { name: noticeMenu, purpose: 'menu_notice' };
  const hold = unsuffixed(what, SUFFIX.hold);
  if (hold !== null) return { name: hold, purpose: 'hold' };
  const whisper = unsuffixed(what, SUFFIX.whisper);
  if (whisper !== null) return { name: stepOfRingTag(whisper), purpose: 'whisper' };
  const greeting = unsuffixed(what, SUFFIX.voicemailGreeting);
  if (greeting !== null) return { name: greeting, purpose: 'voicemail_greeting' };
  if (what === DISCLOSURE) return { name: null, purpose: 'disclosure' };
  return { name: what, purpose: 'greeting' };
}

/** What a recording holds, from its tag: the workflows record conversations and voicemails, nothing else. */
export function recordingPurposeOfTag(tag: string | undefined): RecordingPurpose {
  return tag !== undefined && unsuffixed(tag, SUFFIX.conversation) !== null ? 'conversation' : 'voicemail';
}
