import { MENU_DIGITS, type MenuDigit } from '../ivr/menu-model';
import type { CallFlow, FlowStep, StepId, StepType } from './flow-model';
import { stepLinks } from './step-links';

/**
 * Edits of a call flow as pure functions, for the console's flow editor: each takes a flow and
 * returns a new one, leaving the input alone. They never refuse an edit that makes the flow
 * invalid (a link left empty, a menu with no options): the editor shows validateFlow's issues
 * on the steps while the admin works, and the api refuses to save until they are fixed.
 */

/** A step of each kind as the editor adds it: the settings a new step starts with. */
export function newStep(type: StepType, id: StepId): FlowStep {
  const prompt = { kind: 'tts' as const, text: '' };
  switch (type) {
    case 'greeting':
      return { id, type, prompt: { kind: 'tts', text: 'Thanks for calling.' }, next: '' };
    case 'route':
      return { id, type, branches: [], fallback: '' };
    case 'schedule':
      return { id, type, branches: [], otherwise: '' };
    case 'menu':
      return {
        id,
        type,
        prompt: { ...prompt, text: 'Press 1 for the office.' },
        options: {},
        timeoutSeconds: 5,
        maxRetries: 2,
        fallback: '',
      };
    case 'ring_group':
      return { id, type, ringGroupId: '' };
    case 'forward':
      return { id, type, to: '', timeoutSeconds: 30, callerId: 'tracking_number' };
    case 'voicemail':
      return { id, type, voicemailBoxId: '', beep: true, maxLengthSeconds: 120 };
    case 'hangup':
      return { id, type };
    case 'ask':
      return {
        id,
        type,
        prompt: { ...prompt, text: 'Tell me in a few words how I can help you.' },
        fields: [
          { name: 'intent', description: 'What the caller needs.', values: ['leasing', 'maintenance'] },
        ],
        routes: [],
        fallback: '',
        timeoutSeconds: 10,
      };
  }
}

/** The smallest flow that passes validateFlow: one step that ends the call. */
export function minimalFlow(): CallFlow {
  return {
    initialStepId: 'goodbye',
    recording: false,
    steps: [
      { id: 'goodbye', type: 'hangup', message: { kind: 'tts', text: 'Thanks for calling. Goodbye.' } },
    ],
  };
}

/** `menu`, `menu_2`, `menu_3`…: the first id of that stem no step of the flow has. */
export function uniqueStepId(flow: CallFlow, stem: string): StepId {
  const taken = new Set(flow.steps.map((s) => s.id));
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}_${n}`)) return `${stem}_${n}`;
}

/** Adds a step at the end; a flow with no steps starts at it. */
export function addStep(flow: CallFlow, step: FlowStep): CallFlow {
  return {
    ...flow,
    initialStepId: flow.steps.length === 0 ? step.id : flow.initialStepId,
    steps: [...flow.steps, step],
  };
}

/** Replaces the step with id `id` (its settings changed in the form); its id stays. */
export function replaceStep(flow: CallFlow, id: StepId, step: FlowStep): CallFlow {
  return { ...flow, steps: flow.steps.map((s) => (s.id === id ? { ...step, id } : s)) };
}

/**
 * One link field of a step as the editor draws it: a handle to drag from. `target` is null for a
 * link not set. `optional` links (a menu key, `noAnswer`) are removed when cleared; required ones
 * stay empty, which validateFlow reports on the step.
 */
export interface LinkSlot {
  readonly path: string;
  readonly target: StepId | null;
  readonly optional: boolean;
}

/** The kinds whose `noAnswer` is optional: absent, the call ends when nobody answers. */
const NO_ANSWER_KINDS: readonly StepType[] = ['ring_group', 'forward'];

/**
 * Every link field of a step, set or not: the links stepLinks lists (an empty one included) and
 * an unset `noAnswer`, so the admin can drag a link from it.
 */
export function linkSlots(step: FlowStep): LinkSlot[] {
  const slots: LinkSlot[] = stepLinks(step).map((l) => ({
    path: l.path,
    target: typeof l.target === 'string' && l.target !== '' ? l.target : null,
    optional: isOptionalPath(step, l.path),
  }));
  if (NO_ANSWER_KINDS.includes(step.type) && !slots.some((s) => s.path === 'noAnswer'))
    slots.push({ path: 'noAnswer', target: null, optional: true });
  return slots;
}

function isOptionalPath(step: FlowStep, path: string): boolean {
  return path.startsWith('options.') || (path === 'noAnswer' && NO_ANSWER_KINDS.includes(step.type));
}

const BRANCH_PATH = /^branches\[(\d+)\]\.next$/;
const OPTION_PATH = /^options\.(.)$/;
const PLAIN_LINKS = ['next', 'fallback', 'otherwise', 'noAnswer'];

/**
 * Points the link at `path` of step `stepId` to `target` (see LinkSlot.path): `next`, `fallback`,
 * `otherwise`, `noAnswer`, `branches[i].next`, or `options.<key>` (which adds the key). `null`
 * clears it: an optional link is removed, a required one is left empty.
 */
export function setLink(flow: CallFlow, stepId: StepId, path: string, target: StepId | null): CallFlow {
  return { ...flow, steps: flow.steps.map((s) => (s.id === stepId ? withLink(s, path, target) : s)) };
}

function withLink(step: FlowStep, path: string, target: StepId | null): FlowStep {
  const value = target ?? '';
  const option = OPTION_PATH.exec(path);
  if (option && step.type === 'menu') {
    const options: Partial<Record<MenuDigit, string>> = { ...step.options };
    const key = option[1] as MenuDigit;
    if (target === null) delete options[key];
    else options[key] = target;
    return { ...step, options: sortedOptions(options) };
  }
  const branch = BRANCH_PATH.exec(path);
  if (branch && (step.type === 'route' || step.type === 'schedule')) {
    const i = Number(branch[1]);
    if (i >= step.branches.length) return step;
    const branches = step.branches.map((b, j) => (j === i ? { ...b, next: value } : b));
    return { ...step, branches } as FlowStep;
  }
  if (PLAIN_LINKS.includes(path) && linkSlots(step).some((s) => s.path === path)) {
    if (target === null && isOptionalPath(step, path)) {
      const { [path as 'noAnswer']: _dropped, ...rest } = step as FlowStep & { noAnswer?: string };
      return rest;
    }
    return { ...step, [path]: value };
  }
  return step;
}

/** Menu keys in keypad order (1-9, 0, *, #), so the form and the saved JSON read naturally. */
export function sortedOptions(
  options: Readonly<Partial<Record<MenuDigit, string>>>,
): Partial<Record<MenuDigit, string>> {
  const order = (d: string) => (d === '0' ? 10 : d === '*' ? 11 : d === '#' ? 12 : Number(d));
  const out: Partial<Record<MenuDigit, string>> = {};
  for (const d of [...MENU_DIGITS].sort((a, b) => order(a) - order(b)))
    if (options[d] !== undefined) out[d] = options[d];
  // Keys that are not digits (stored data can be broken) keep their place after the digits.
  for (const [k, v] of Object.entries(options)) if (!(k in out)) (out as Record<string, string>)[k] = v;
  return out;
}

/**
 * Removes a step. Links that led to it are cleared (see setLink); when it was the first step, the
 * flow starts at the first step left.
 */
export function removeStep(flow: CallFlow, id: StepId): CallFlow {
  let steps = flow.steps.filter((s) => s.id !== id);
  steps = steps.map((s) =>
    linkSlots(s)
      .filter((l) => l.target === id)
      .reduce((step, l) => withLink(step, l.path, null), s),
  );
  const initialStepId = flow.initialStepId === id ? (steps[0]?.id ?? '') : flow.initialStepId;
  return { ...flow, initialStepId, steps };
}

/** Gives a step a new id, and every link to it (and the start) follows. */
export function renameStep(flow: CallFlow, from: StepId, to: StepId): CallFlow {
  if (from === to) return flow;
  const steps = flow.steps.map((s) => {
    const renamed = s.id === from ? ({ ...s, id: to } as FlowStep) : s;
    return linkSlots(renamed)
      .filter((l) => l.target === from)
      .reduce((step, l) => withLink(step, l.path, to), renamed);
  });
  return { ...flow, initialStepId: flow.initialStepId === from ? to : flow.initialStepId, steps };
}

/** Makes step `id` the one calls start at. */
export function setInitialStep(flow: CallFlow, id: StepId): CallFlow {
  return { ...flow, initialStepId: id };
}

/** Where an issue or an api field points, in a flow's terms. */
export interface IssueLocation {
  /** The step it is about; undefined for the flow itself (`initialStepId`, `steps`). */
  readonly stepId?: StepId;
  /** Relative to the step (`to`, `options.1`, `branches[0].criteria[1]`), or to the flow; '' for the step itself. */
  readonly field: string;
}

/**
 * Reads a validation issue's path, or a 422's field (`definition.steps[3].to`), as a step and a
 * field of it, by the step's position in `flow` (the flow that was validated or sent).
 */
export function locateIssue(flow: CallFlow, path: string, stepId?: StepId): IssueLocation {
  const bare = path.startsWith('definition.') ? path.slice('definition.'.length) : path;
  const match = /^steps\[(\d+)\](?:\.(.*))?$/.exec(bare);
  if (!match) return stepId !== undefined ? { stepId, field: '' } : { field: bare };
  const step = flow.steps[Number(match[1])];
  const id = stepId ?? (typeof step?.id === 'string' ? step.id : undefined);
  return id !== undefined ? { stepId: id, field: match[2] ?? '' } : { field: bare };
}
