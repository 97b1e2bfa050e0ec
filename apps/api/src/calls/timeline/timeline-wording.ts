import type { PromptPurpose } from '@switchboard/contracts';
import type { CallTimelineLeg, TimelineCall } from './call-timeline';

// The timeline's summaries: carrier events and the call record as a person would say them.

/** Telnyx's hangup causes as a person would say them (unknown ones are shown as given). */
const CAUSES: Record<string, string> = {
  normal_clearing: 'hung up',
  originator_cancel: 'stopped ringing',
  timeout: 'no answer in time',
  no_answer: 'no answer',
  user_busy: 'busy',
  call_rejected: 'rejected',
  not_found: 'number not found',
  time_limit: 'time limit reached',
  unspecified: 'unspecified',
};
export const cause = (c: string | null | undefined): string => (c ? (CAUSES[c] ?? c) : 'unknown cause');

const GATHER_STATUS: Record<string, string> = {
  invalid: 'pressed a key that is not an option',
  timeout: 'pressed nothing before the timeout',
  call_hangup: 'hung up during the menu',
  cancelled: 'menu stopped',
  cancelled_amd: 'menu stopped',
};

/** What the caller did at a menu, from the carrier's gather status and the keys it reports. */
export function menuInputSummary(menu: string | null, digits: string, status: string): string {
  const keys = digits ? ` (pressed ${digits})` : '';
  const said =
    status === 'valid' ? `Caller pressed ${digits}` : `Caller ${GATHER_STATUS[status] ?? status}${keys}`;
  return `${said}${menu ? ` at menu "${menu}"` : ''}`;
}

const PROMPT_LABEL: Record<PromptPurpose, string> = {
  greeting: 'Prompt',
  menu: 'Menu prompt',
  menu_notice: 'Menu notice',
  hold: 'Hold audio',
  whisper: 'Whisper',
  voicemail_greeting: 'Voicemail greeting',
  disclosure: 'Recording disclosure',
};

export function promptSummary(
  name: string | null,
  purpose: PromptPurpose,
  to: string | null,
  status: string | null,
  seconds: number | null,
): string {
  const what = `${PROMPT_LABEL[purpose]}${name ? ` "${name}"` : ''}${to ? ` to ${to}` : ''}`;
  if (status === null) return `${what} started`;
  if (status === 'call_hangup') return `${what} cut short: the call hung up`;
  if (status === 'cancelled') return `${what} stopped${seconds !== null ? ` after ${seconds} s` : ''}`;
  if (status !== 'completed') return `${what} ended (${status})`;
  return `${what} played${seconds !== null ? ` (${seconds} s)` : ''}`;
}

export function receivedSummary(call: TimelineCall, callerName: string | null): string {
  const who = callerName ? `${call.from} (${callerName})` : call.from;
  const parts = [`Call from ${who} to ${call.to}`];
  if (call.sourceName) parts.push(`source ${call.sourceName}`);
  const a = call.attribution;
  if (a) {
    if (a.kind === 'session' || a.kind === 'lookback' || a.kind === 'ambiguous') {
      const visit = [
        a.keyword ? `keyword "${a.keyword}"` : null,
        a.campaign ? `campaign "${a.campaign}"` : null,
        a.landingPage ? `landed on ${a.landingPage}` : null,
      ].filter((x) => x !== null);
      parts.push(`website visit (${a.kind})${visit.length ? `: ${visit.join(', ')}` : ''}`);
    }
    parts.push(a.priorCalls > 0 ? `repeat caller (${a.priorCalls} earlier calls)` : 'first-time caller');
  }
  return parts.join('; ');
}

/** An agent's name for a destination rung, or the destination itself. */
export function nameOf(call: TimelineCall, to: string): string {
  return call.agentNames?.[to] ?? to;
}

export function outcomeSummary(call: TimelineCall): string {
  const lasted = `call lasted ${call.durationSecs} s`;
  switch (call.outcome) {
    case 'answered':
      // Talk time is per leg (`legs`, from the bridge); the record's own counts from the answer.
      return `Answered by ${call.answeredBy ? nameOf(call, call.answeredBy) : 'an agent'}; ${lasted}`;
    case 'voicemail':
      return `Voicemail left${call.voicemailBoxId ? ` in box "${call.voicemailBoxId}"` : ''}; ${lasted}`;
    case 'abandoned':
      return `Abandoned: the caller hung up before anyone answered; ${lasted}`;
    case 'no_answer':
      return `Nobody answered; ${lasted}`;
    case 'rejected':
      return `Rejected: the number dialled is not in use`;
  }
}

/** How one agent leg went, e.g. "rang 12 s, not answered (no answer in time)". */
export function legStory(l: CallTimelineLeg): string {
  const rang = l.ringSecs !== null ? `rang ${l.ringSecs} s` : 'rang';
  if (l.connected) return `${rang}, answered and talked ${l.talkSecs} s`;
  if (l.answered) return `${rang}, answered but was not connected (${cause(l.hangupCause)})`;
  if (!l.endedAt) return `${rang}, no end seen`;
  return `${rang}, not answered (${cause(l.hangupCause)})`;
}

/** Steps the workflow writes itself (beyond the flow's own step ids) read as what happened. */
export function stepSummary(step: string, detail: string | null): string {
  switch (step) {
    case 'connected':
      return `Connecting the caller to ${detail ?? 'an agent'}`;
    case 'reject':
      return `Rejected${detail ? `: ${detail}` : ''}`;
    case 'error':
      return `The call failed${detail ? `: ${detail}` : ''}`;
    case 'hangup':
      return `Hung up${detail ? `: ${detail}` : ''}`;
    default:
      return `Step "${step}"${detail ? `: ${detail}` : ''}`;
  }
}
