import { isMenuDigit } from '../ivr/menu-model';
import { criteriaSetKey } from '../routing/criterion-key';
import { isSessionCriterion, type Criterion } from '../routing/criterion-model';
import { criterionProblems, unsatisfiableReason } from '../routing/criterion-problems';
import { isE164 } from '../shared/e164';
import type { ValidationIssue, ValidationReport } from '../shared/validation-issue';
import type { CallFlow, FlowStep, MenuStep, RouteStep, ScheduleStep } from './flow-model';
import { STEP_TYPES } from './flow-model';
import { isCallerInputStep, stepLinks, stepPrompts } from './step-links';
import { checkPrompt } from './validate-prompt';

export type FlowIssueCode =
  | 'empty_flow'
  | 'too_many_steps'
  | 'missing_step_id'
  | 'duplicate_step_id'
  | 'unknown_step_type'
  | 'missing_initial_step'
  | 'missing_next'
  | 'dangling_next'
  | 'unreachable_step'
  | 'cycle_without_input'
  | 'missing_audio'
  | 'empty_prompt'
  | 'invalid_prompt'
  | 'no_branches'
  | 'empty_branch'
  | 'duplicate_branch'
  | 'shadowed_branch'
  | 'unsatisfiable_branch'
  | 'invalid_criterion'
  | 'session_criterion_on_source_number'
  | 'unknown_schedule'
  | 'no_menu_options'
  | 'bad_digit'
  | 'star_conflict'
  | 'unknown_ring_group'
  | 'unknown_voicemail_box'
  | 'invalid_number'
  | 'invalid_timeout'
  | 'invalid_value';

export interface FlowIssue extends ValidationIssue {
  readonly code: FlowIssueCode;
}

/**
 * What the flow is checked against. Each set is optional: without it, references of that kind
 * are not checked (the API passes all of them; a quick syntax check can pass none).
 */
export interface FlowValidationContext {
  readonly audioIds?: ReadonlySet<string>;
  readonly scheduleIds?: ReadonlySet<string>;
  readonly ringGroupIds?: ReadonlySet<string>;
  readonly voicemailBoxIds?: ReadonlySet<string>;
  /**
   * The flow is used only by source numbers (no visitor sessions), so session criteria can never
   * match. Reported as a warning rather than an error: the flow may be attached to a pool later.
   */
  readonly sourceNumberOnly?: boolean;
}

/** Limits that keep calls sane; the carrier allows more, callers tolerate less. */
export const FLOW_LIMITS = {
  /** Far more than a phone tree a caller can get through; bounds the api's work on a save or diagram. */
  steps: { max: 200 },
  menuTimeoutSeconds: { min: 1, max: 120 },
  menuMaxRetries: { min: 0, max: 10 },
  forwardTimeoutSeconds: { min: 5, max: 600 },
  voicemailMaxLengthSeconds: { min: 1, max: 14_400 },
} as const;

/** The single validator for call flows: used by the admin API on save and by the dry-run. */
export function validateFlow(flow: CallFlow, ctx: FlowValidationContext = {}): ValidationReport<FlowIssue> {
  const errors: FlowIssue[] = [];
  const warnings: FlowIssue[] = [];
  const report = (list: FlowIssue[], code: FlowIssueCode, path: string, message: string, stepId?: string) =>
    list.push({ code, path, message, ...(stepId !== undefined ? { stepId } : {}) });

  const steps = Array.isArray(flow.steps) ? flow.steps : [];
  if (steps.length === 0) {
    report(errors, 'empty_flow', 'steps', 'The flow has no steps.');
    return { errors, warnings };
  }
  if (steps.length > FLOW_LIMITS.steps.max) {
    // Nothing else is checked: every later rule walks the steps, some of them in pairs.
    report(
      errors,
      'too_many_steps',
      'steps',
      `A flow has at most ${FLOW_LIMITS.steps.max} steps (this one has ${steps.length}).`,
    );
    return { errors, warnings };
  }

  // Ids first: every later check looks steps up by id.
  const byId = new Map<string, { step: FlowStep; index: number }>();
  steps.forEach((step, index) => {
    const path = `steps[${index}]`;
    if (typeof step.id !== 'string' || step.id.trim() === '') {
      report(errors, 'missing_step_id', `${path}.id`, `Step at ${path} has no id.`);
    } else if (byId.has(step.id)) {
      report(
        errors,
        'duplicate_step_id',
        `${path}.id`,
        `Step id "${step.id}" is used by more than one step.`,
        step.id,
      );
    } else {
      byId.set(step.id, { step, index });
    }
  });

  if (!byId.has(flow.initialStepId)) {
    report(
      errors,
      'missing_initial_step',
      'initialStepId',
      `The initial step "${String(flow.initialStepId)}" does not exist.`,
    );
  }

  steps.forEach((step, index) => {
    const path = `steps[${index}]`;
    const id = typeof step.id === 'string' ? step.id : undefined;
    if (!STEP_TYPES.includes(step.type)) {
      report(
        errors,
        'unknown_step_type',
        `${path}.type`,
        `Step "${id}" has unknown type "${String(step.type)}".`,
        id,
      );
      return;
    }
    for (const link of stepLinks(step)) {
      // A link left out is a missing field, not a step named "undefined".
      if (typeof link.target !== 'string' || link.target === '') {
        report(
          errors,
          'missing_next',
          `${path}.${link.path}`,
          `Step "${id}" has no ${link.path}: it needs the id of the step to go to next.`,
          id,
        );
      } else if (!byId.has(link.target)) {
        report(
          errors,
          'dangling_next',
          `${path}.${link.path}`,
          `Step "${id}" points to step "${String(link.target)}", which does not exist (${link.path}).`,
          id,
        );
      }
    }
    for (const ref of stepPrompts(step)) {
      for (const issue of checkPrompt(ref.prompt, `${path}.${ref.path}`, ctx.audioIds, id)) {
        errors.push(issue as FlowIssue);
      }
    }
    const add = (severity: 'error' | 'warning', code: FlowIssueCode, field: string, message: string) =>
      report(
        severity === 'error' ? errors : warnings,
        code,
        field === '' ? path : `${path}.${field}`,
        `Step "${id}" ${message}`,
        id,
      );

    switch (step.type) {
      case 'route':
        checkRoute(step, ctx, add);
        break;
      case 'schedule':
        checkSchedule(step, ctx, add);
        break;
      case 'menu':
        checkMenu(step, add);
        break;
      case 'ring_group':
        if (
          typeof step.ringGroupId !== 'string' ||
          step.ringGroupId === '' ||
          (ctx.ringGroupIds && !ctx.ringGroupIds.has(step.ringGroupId))
        ) {
          add(
            'error',
            'unknown_ring_group',
            'ringGroupId',
            `rings group "${String(step.ringGroupId)}", which does not exist.`,
          );
        }
        break;
      case 'forward':
        if (typeof step.to !== 'string' || !isE164(step.to)) {
          add(
            'error',
            'invalid_number',
            'to',
            `forwards to "${String(step.to)}", which is not an E.164 number (+13125550100).`,
          );
        }
        if (!inRange(step.timeoutSeconds, FLOW_LIMITS.forwardTimeoutSeconds)) {
          add(
            'error',
            'invalid_timeout',
            'timeoutSeconds',
            `needs a timeout of ${rangeText(FLOW_LIMITS.forwardTimeoutSeconds)} seconds.`,
          );
        }
        if (step.callerId !== 'tracking_number' && step.callerId !== 'caller') {
          add(
            'error',
            'invalid_value',
            'callerId',
            'must show either the tracking number or the caller as caller id.',
          );
        }
        break;
      case 'voicemail':
        if (
          typeof step.voicemailBoxId !== 'string' ||
          step.voicemailBoxId === '' ||
          (ctx.voicemailBoxIds && !ctx.voicemailBoxIds.has(step.voicemailBoxId))
        ) {
          add(
            'error',
            'unknown_voicemail_box',
            'voicemailBoxId',
            `uses voicemail box "${String(step.voicemailBoxId)}", which does not exist.`,
          );
        }
        if (!inRange(step.maxLengthSeconds, FLOW_LIMITS.voicemailMaxLengthSeconds)) {
          add(
            'error',
            'invalid_value',
            'maxLengthSeconds',
            `needs a maximum length of ${rangeText(FLOW_LIMITS.voicemailMaxLengthSeconds)} seconds.`,
          );
        }
        break;
      case 'greeting':
      case 'hangup':
        break;
    }
  });

  checkReachability(flow, byId, (index, id) =>
    report(
      errors,
      'unreachable_step',
      `steps[${index}]`,
      `Step "${id}" can never be reached from the initial step "${flow.initialStepId}".`,
      id,
    ),
  );
  for (const cycle of cyclesWithoutInput(byId)) {
    const first = cycle[0];
    report(
      errors,
      'cycle_without_input',
      `steps[${byId.get(first)?.index}]`,
      `Step "${first}" is in a loop with no menu to stop it (${[...cycle, first].join(' → ')}); the call would never end.`,
      first,
    );
  }

  return { errors, warnings };
}

type Add = (severity: 'error' | 'warning', code: FlowIssueCode, field: string, message: string) => void;

function checkRoute(step: RouteStep, ctx: FlowValidationContext, add: Add): void {
  if (!Array.isArray(step.branches) || step.branches.length === 0) {
    add('warning', 'no_branches', 'branches', 'has no branches: every call takes the fallback.');
    return;
  }
  const seen: Array<{ key: string; keys: Set<string>; index: number }> = [];
  step.branches.forEach((branch, b) => {
    const path = `branches[${b}]`;
    const criteria: readonly Criterion[] = Array.isArray(branch.criteria) ? branch.criteria : [];
    if (criteria.length === 0) {
      add('error', 'empty_branch', `${path}.criteria`, `has a branch (${path}) with no criteria.`);
      return;
    }
    let sound = true;
    criteria.forEach((criterion, c) => {
      const problems = criterionProblems(criterion);
      for (const problem of problems) {
        add('error', 'invalid_criterion', `${path}.criteria[${c}]`, `has an invalid criterion: ${problem}.`);
      }
      if (problems.length > 0) sound = false;
      else if (ctx.sourceNumberOnly === true && isSessionCriterion(criterion)) {
        add(
          'warning',
          'session_criterion_on_source_number',
          `${path}.criteria[${c}]`,
          `tests "${criterion.type}", which comes from a website visit; calls to source numbers have none, so this branch never matches.`,
        );
      }
    });
    if (!sound) return;

    const unsatisfiable = unsatisfiableReason(criteria);
    if (unsatisfiable !== null)
      add(
        'warning',
        'unsatisfiable_branch',
        path,
        `has a branch (${path}) that can never match: ${unsatisfiable}.`,
      );

    const key = criteriaSetKey(criteria);
    const keys = new Set(key.split(' & '));
    const duplicate = seen.find((s) => s.key === key);
    if (duplicate) {
      add(
        'error',
        'duplicate_branch',
        path,
        `has two branches with the same criteria (branches[${duplicate.index}] and ${path}).`,
      );
    } else {
      // An earlier branch asking for a subset of this one's criteria catches every caller first.
      const shadow = seen.find((s) => [...s.keys].every((k) => keys.has(k)));
      if (shadow) {
        add(
          'warning',
          'shadowed_branch',
          path,
          `has a branch (${path}) that never matches: branches[${shadow.index}] asks for less and comes first.`,
        );
      }
    }
    seen.push({ key, keys, index: b });
  });
}

function checkSchedule(step: ScheduleStep, ctx: FlowValidationContext, add: Add): void {
  if (!Array.isArray(step.branches) || step.branches.length === 0) {
    add('warning', 'no_branches', 'branches', 'has no schedules: every call takes "otherwise".');
    return;
  }
  const seen = new Map<string, number>();
  step.branches.forEach((branch, b) => {
    const path = `branches[${b}]`;
    if (
      typeof branch.scheduleId !== 'string' ||
      branch.scheduleId === '' ||
      (ctx.scheduleIds && !ctx.scheduleIds.has(branch.scheduleId))
    ) {
      add(
        'error',
        'unknown_schedule',
        `${path}.scheduleId`,
        `uses schedule "${String(branch.scheduleId)}", which does not exist.`,
      );
    }
    const earlier = seen.get(branch.scheduleId);
    if (earlier !== undefined) {
      add(
        'error',
        'duplicate_branch',
        path,
        `lists schedule "${branch.scheduleId}" twice (branches[${earlier}] and ${path}).`,
      );
    } else {
      seen.set(branch.scheduleId, b);
    }
  });
}

function checkMenu(step: MenuStep, add: Add): void {
  const options = step.options !== null && typeof step.options === 'object' ? step.options : {};
  const keys = Object.keys(options);
  if (keys.length === 0) add('error', 'no_menu_options', 'options', 'is a menu with no options.');
  for (const key of keys) {
    if (!isMenuDigit(key))
      add(
        'error',
        'bad_digit',
        `options.${key}`,
        `has option "${key}", which is not a single key 0-9, * or #.`,
      );
  }
  if (step.repeatOnStar === true && '*' in options) {
    add('error', 'star_conflict', 'options.*', 'uses * both to repeat the menu and as an option.');
  }
  if (!inRange(step.timeoutSeconds, FLOW_LIMITS.menuTimeoutSeconds)) {
    add(
      'error',
      'invalid_timeout',
      'timeoutSeconds',
      `needs a timeout of ${rangeText(FLOW_LIMITS.menuTimeoutSeconds)} seconds.`,
    );
  }
  if (!inRange(step.maxRetries, FLOW_LIMITS.menuMaxRetries) || !Number.isInteger(step.maxRetries)) {
    add(
      'error',
      'invalid_value',
      'maxRetries',
      `needs a whole number of retries, ${rangeText(FLOW_LIMITS.menuMaxRetries)}.`,
    );
  }
}

function inRange(value: unknown, range: { min: number; max: number }): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max;
}

function rangeText(range: { min: number; max: number }): string {
  return `${range.min}–${range.max}`;
}

function checkReachability(
  flow: CallFlow,
  byId: ReadonlyMap<string, { step: FlowStep; index: number }>,
  unreachable: (index: number, id: string) => void,
): void {
  if (!byId.has(flow.initialStepId)) return; // already an error; everything would be "unreachable"
  const reached = new Set<string>([flow.initialStepId]);
  const queue = [flow.initialStepId];
  while (queue.length > 0) {
    const entry = byId.get(queue.shift() as string);
    if (entry === undefined || !STEP_TYPES.includes(entry.step.type)) continue;
    for (const link of stepLinks(entry.step)) {
      if (byId.has(link.target) && !reached.has(link.target)) {
        reached.add(link.target);
        queue.push(link.target);
      }
    }
  }
  for (const [id, { index }] of byId) {
    if (!reached.has(id)) unreachable(index, id);
  }
}

/**
 * Loops the call could go round forever: strongly connected groups of steps (Tarjan) in the graph
 * without menu steps. A loop through a menu is fine, since the caller chooses to go round it and
 * the menu's retries end it. Each loop is returned in flow order, starting with its first step.
 */
function cyclesWithoutInput(byId: ReadonlyMap<string, { step: FlowStep; index: number }>): string[][] {
  const successors = new Map<string, string[]>();
  for (const [id, { step }] of byId) {
    if (!STEP_TYPES.includes(step.type) || isCallerInputStep(step)) continue;
    successors.set(
      id,
      stepLinks(step)
        .map((l) => l.target)
        .filter((t) => {
          const target = byId.get(t)?.step;
          return target !== undefined && STEP_TYPES.includes(target.type) && !isCallerInputStep(target);
        }),
    );
  }

  let counter = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  const visit = (v: string): void => {
    indexOf.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of successors.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, indexOf.get(w) as number));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = component.length === 1 && (successors.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) cycles.push(component);
    }
  };
  for (const id of successors.keys()) if (!indexOf.has(id)) visit(id);

  const order = (id: string) => byId.get(id)?.index ?? 0;
  return cycles.map((c) => orderCycle(c, successors, order)).sort((a, b) => order(a[0]) - order(b[0]));
}

/** Walk the loop from its first step (in flow order) so the message reads as the call would go. */
function orderCycle(
  component: string[],
  successors: ReadonlyMap<string, string[]>,
  order: (id: string) => number,
): string[] {
  const members = new Set(component);
  const start = [...component].sort((a, b) => order(a) - order(b))[0];
  const walk = [start];
  let current = start;
  while (walk.length < component.length) {
    const next = (successors.get(current) ?? []).find((s) => members.has(s) && !walk.includes(s));
    if (next === undefined) break;
    walk.push(next);
    current = next;
  }
  // A component is not always a single ring; list any members the walk did not pass.
  return [...walk, ...component.filter((id) => !walk.includes(id)).sort((a, b) => order(a) - order(b))];
}
