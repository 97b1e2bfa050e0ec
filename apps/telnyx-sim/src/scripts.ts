/**
 * What the simulated people do: the caller on an inbound call and the agents the app dials.
 * The shapes are the `caller` and `agents` parts of the scenario format (docs/SCENARIOS.md).
 */

/** DTMF for the next gather attempt; `press: ""` (or omitted) means the caller enters nothing. */
export interface PressStep {
  press?: string;
  /** Seconds after the gather prompt ends (or after a plain gather starts) before the first digit. */
  after_s?: number;
}

/**
 * What the caller says to the next AI gather (`gather_using_ai`, a spoken front desk); the
 * simulator's stand-in model reads it (ai-answer.ts). A DTMF gather does not take it.
 */
export interface SayStep {
  say: string;
  /** Seconds after the question ends before the caller starts talking. */
  after_s?: number;
}

/** Hang up N s after the previous step finished (or after answer); restarts when bridged to an agent. */
export interface HangupAfterStep {
  hangup_after_s: number;
}

/** Hang up N s after `call.initiated`, whatever else is going on. */
export interface HangupAtStep {
  hangup_at_s: number;
}

export type CallerStep = PressStep | SayStep | HangupAfterStep | HangupAtStep;

export interface AnsweringAgent {
  answer_after_s: number;
  /** The agent hangs up this many seconds after being bridged. */
  hangup_after_s?: number;
  /** Answering-machine detection reports `machine` instead of `human` (only when the dial asked for AMD). */
  machine?: boolean;
}

export type AgentBehaviour = 'busy' | 'no_answer' | 'reject' | AnsweringAgent;

/**
 * One line of the conversation after the caller is bridged to an agent: who says it, and when.
 * Only a transcription (transcription_start) makes it observable, as `call.transcription` events.
 */
export interface ConversationLine {
  speaker: 'caller' | 'agent';
  text: string;
  /** Seconds after the previous line (the first: after the transcription starts, just after the bridge); default 1. */
  after_s?: number;
  /**
   * How late the carrier's transcription of this line is (seconds after it is said; default 0). A
   * lag past the hangup delivers the segment after the call ended, as a slow transcriber would.
   */
  transcribed_after_s?: number;
}

export interface InboundCallScript {
  from: string;
  to: string;
  /** The carrier's call start instant (ISO-8601); scenario time for the whole session starts here. */
  at?: string;
  caller_id_name?: string;
  caller?: CallerStep[];
  /** Keyed by the dialled/transferred `to`, exactly. Unlisted destinations never answer. */
  agents?: Record<string, AgentBehaviour>;
  /** What caller and agent say once bridged (transcribed when the app starts a transcription). */
  conversation?: ConversationLine[];
  /** Overrides the simulator's webhook URL for every leg of this session. */
  webhook_url?: string;
}

export interface PlacedCall {
  call_control_id: string;
  call_leg_id: string;
  call_session_id: string;
}

export class ScriptError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export const isPressStep = (s: CallerStep): s is PressStep =>
  !('hangup_after_s' in s) && !('hangup_at_s' in s) && !('say' in s);
export const isSayStep = (s: CallerStep): s is SayStep => 'say' in s;
export const isHangupAfterStep = (s: CallerStep): s is HangupAfterStep => 'hangup_after_s' in s;
export const isHangupAtStep = (s: CallerStep): s is HangupAtStep => 'hangup_at_s' in s;

const DTMF = /^[0-9*#A-Da-d]*$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonNegative(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new ScriptError(field, 'must be a non-negative number of seconds');
  }
  return v;
}

function nonEmptyString(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new ScriptError(field, 'must be a non-empty string');
  return v;
}

function parseStep(raw: unknown, field: string): CallerStep {
  if (!isObject(raw)) throw new ScriptError(field, 'must be an object');
  const keys = Object.keys(raw);
  if ('hangup_after_s' in raw) {
    if (keys.length !== 1) throw new ScriptError(field, 'a hangup_after_s step takes no other keys');
    return { hangup_after_s: nonNegative(raw.hangup_after_s, `${field}.hangup_after_s`) };
  }
  if ('hangup_at_s' in raw) {
    if (keys.length !== 1) throw new ScriptError(field, 'a hangup_at_s step takes no other keys');
    return { hangup_at_s: nonNegative(raw.hangup_at_s, `${field}.hangup_at_s`) };
  }
  const unknown = keys.filter((k) => k !== 'press' && k !== 'say' && k !== 'after_s');
  if (unknown.length) {
    throw new ScriptError(
      `${field}.${unknown[0]}`,
      'unknown key (expected press, say, after_s, hangup_after_s or hangup_at_s)',
    );
  }
  if ('say' in raw) {
    if ('press' in raw)
      throw new ScriptError(field, 'a step either presses keys or says something, not both');
    const say: SayStep = { say: nonEmptyString(raw.say, `${field}.say`) };
    if (raw.after_s !== undefined) say.after_s = nonNegative(raw.after_s, `${field}.after_s`);
    return say;
  }
  const step: PressStep = {};
  if (raw.press !== undefined && raw.press !== null) {
    if (typeof raw.press !== 'string' || !DTMF.test(raw.press)) {
      throw new ScriptError(`${field}.press`, 'must be a string of DTMF digits (0-9 * # A-D)');
    }
    step.press = raw.press;
  }
  if (raw.after_s !== undefined) step.after_s = nonNegative(raw.after_s, `${field}.after_s`);
  return step;
}

/** Validates `{"<to>": behaviour}` (a script's `agents`, or `POST /sim/agents`). */
export function parseAgents(raw: unknown, field: string): Record<string, AgentBehaviour> {
  if (!isObject(raw)) throw new ScriptError(field, 'must be an object keyed by destination');
  const agents: Record<string, AgentBehaviour> = {};
  for (const [to, behaviour] of Object.entries(raw)) agents[to] = parseAgent(behaviour, `${field}["${to}"]`);
  return agents;
}

function parseAgent(raw: unknown, field: string): AgentBehaviour {
  if (raw === 'busy' || raw === 'no_answer' || raw === 'reject') return raw;
  if (!isObject(raw)) {
    throw new ScriptError(
      field,
      'must be "busy", "no_answer", "reject" or { answer_after_s, hangup_after_s? }',
    );
  }
  const agent: AnsweringAgent = {
    answer_after_s: nonNegative(raw.answer_after_s, `${field}.answer_after_s`),
  };
  if (raw.hangup_after_s !== undefined) {
    agent.hangup_after_s = nonNegative(raw.hangup_after_s, `${field}.hangup_after_s`);
  }
  if (raw.machine !== undefined) {
    if (typeof raw.machine !== 'boolean') throw new ScriptError(`${field}.machine`, 'must be a boolean');
    agent.machine = raw.machine;
  }
  return agent;
}

function parseConversation(raw: unknown, field: string): ConversationLine[] {
  if (!Array.isArray(raw)) throw new ScriptError(field, 'must be an array of { speaker, text } lines');
  return raw.map((l: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(l)) throw new ScriptError(at, 'must be an object { speaker, text, after_s? }');
    const unknown = Object.keys(l).filter(
      (k) => !['speaker', 'text', 'after_s', 'transcribed_after_s'].includes(k),
    );
    if (unknown.length)
      throw new ScriptError(
        `${at}.${unknown[0]}`,
        'unknown key (expected speaker, text, after_s, transcribed_after_s)',
      );
    if (l.speaker !== 'caller' && l.speaker !== 'agent')
      throw new ScriptError(`${at}.speaker`, 'must be "caller" or "agent"');
    const line: ConversationLine = { speaker: l.speaker, text: nonEmptyString(l.text, `${at}.text`) };
    if (l.after_s !== undefined) line.after_s = nonNegative(l.after_s, `${at}.after_s`);
    if (l.transcribed_after_s !== undefined)
      line.transcribed_after_s = nonNegative(l.transcribed_after_s, `${at}.transcribed_after_s`);
    return line;
  });
}

/** Validates untrusted input (POST /sim/calls) into a script; throws ScriptError naming the field. */
export function parseInboundCallScript(input: unknown): InboundCallScript {
  if (!isObject(input)) throw new ScriptError('body', 'must be a JSON object');
  const script: InboundCallScript = {
    from: nonEmptyString(input.from, 'from'),
    to: nonEmptyString(input.to, 'to'),
  };
  if (input.at !== undefined && input.at !== null) {
    if (typeof input.at !== 'string' || Number.isNaN(Date.parse(input.at))) {
      throw new ScriptError('at', 'must be an ISO-8601 date-time string');
    }
    script.at = input.at;
  }
  if (input.caller_id_name !== undefined) {
    if (typeof input.caller_id_name !== 'string') throw new ScriptError('caller_id_name', 'must be a string');
    script.caller_id_name = input.caller_id_name;
  }
  if (input.caller !== undefined && input.caller !== null) {
    if (!Array.isArray(input.caller)) throw new ScriptError('caller', 'must be an array of steps');
    script.caller = input.caller.map((s, i) => parseStep(s, `caller[${i}]`));
  }
  if (input.agents !== undefined && input.agents !== null)
    script.agents = parseAgents(input.agents, 'agents');
  if (input.conversation !== undefined && input.conversation !== null)
    script.conversation = parseConversation(input.conversation, 'conversation');
  if (input.webhook_url !== undefined && input.webhook_url !== null) {
    const url = nonEmptyString(input.webhook_url, 'webhook_url');
    if (!URL.canParse(url)) throw new ScriptError('webhook_url', 'must be an absolute URL');
    script.webhook_url = url;
  }
  return script;
}
