import { isList } from '../shared/is-list';
import type { ValidationIssue, ValidationReport } from '../shared/validation-issue';
import { FLOW_LIMITS } from './flow-limits';
import type { CallFlow, FlowStep } from './flow-model';
import type { DisclosurePolicy } from './recording-disclosure';
import { STEP_TYPES, stepKindOf } from './step-kinds';
import { isCallerInputStep, stepLinks, stepPrompts } from './step-links';
import { checkPrompt } from './validate-prompt';

export { FLOW_LIMITS } from './flow-limits';

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
  | 'invalid_value'
  | 'no_ask_fields'
  | 'invalid_ask_field'
  | 'unknown_ask_field'
  | 'unknown_ask_value'
  | 'needs_engine_v2'
  | 'no_recording_disclosure'
  | 'unused_recording_disclosure'
  | 'recording_disclosure_required';

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
  /**
   * The call engine new calls start (CALL_ENGINE). Engine v1 is frozen: kinds added after it (the
   * spoken front desk) are refused when it runs calls. Absent: v2.
   */
  readonly callEngine?: 'v1' | 'v2';
  /**
   * The property's recording disclosure settings (its default disclosure, its requirement).
   * Absent: the requirement is not checked, and a recording flow without a disclosure of its own
   * is warned about as one that may tell callers nothing.
   */
  readonly disclosure?: DisclosurePolicy;
}

/** The single validator for call flows: used by the admin API on save and by the dry-run. */
export function validateFlow(flow: CallFlow, ctx: FlowValidationContext = {}): ValidationReport<FlowIssue> {
  const errors: FlowIssue[] = [];
  const warnings: FlowIssue[] = [];
  const report = (list: FlowIssue[], code: FlowIssueCode, path: string, message: string, stepId?: string) =>
    list.push({ code, path, message, ...(stepId !== undefined ? { stepId } : {}) });

  const steps = isList(flow.steps) ? flow.steps : [];
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

    // The kind's own checks: route branches, menu keys, resource ids, numbers and limits.
    stepKindOf(step.type)?.validate(step, ctx, add);
  });

  checkRecordingDisclosure(flow, ctx, (severity, code, message) =>
    report(severity === 'error' ? errors : warnings, code, 'recordingDisclosure', message),
  );

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

/**
 * A recording flow tells callers first (its own disclosure, else the property's default): without
 * one of its own it is a warning, and an error when the property requires a disclosure it has no
 * default for. Only engine v2 plays disclosures.
 */
function checkRecordingDisclosure(
  flow: CallFlow,
  ctx: FlowValidationContext,
  add: (severity: 'error' | 'warning', code: FlowIssueCode, message: string) => void,
): void {
  const own = flow.recordingDisclosure;
  if (own !== undefined && own !== null) {
    for (const issue of checkPrompt(own, 'recordingDisclosure', ctx.audioIds))
      add(
        'error',
        issue.code as FlowIssueCode,
        issue.message.replace('The prompt', 'The recording disclosure'),
      );
    if (ctx.callEngine === 'v1')
      add(
        'error',
        'needs_engine_v2',
        'The flow has a recording disclosure, which only call engine v2 plays (CALL_ENGINE=v1 here).',
      );
    if (flow.recording !== true)
      add(
        'warning',
        'unused_recording_disclosure',
        'The flow has a recording disclosure but does not record calls: it is not played.',
      );
    return;
  }
  if (flow.recording !== true) return;
  const policy = ctx.disclosure;
  if (policy?.required === true && ctx.callEngine === 'v1') {
    add(
      'error',
      'needs_engine_v2',
      'The property requires a recording disclosure before recording, which only call engine v2 plays (CALL_ENGINE=v1 here).',
    );
  } else if (policy?.required === true && !policy.propertyDefault) {
    add(
      'error',
      'recording_disclosure_required',
      'The property requires a recording disclosure for every flow that records: give the flow one (recordingDisclosure), or give the property a default disclosure.',
    );
    return;
  }
  add(
    'warning',
    'no_recording_disclosure',
    policy === undefined
      ? "The flow records calls but has no recording disclosure of its own: callers hear the property's default disclosure, or nothing when it has none."
      : policy.propertyDefault
        ? "The flow records calls but has no recording disclosure of its own: callers hear the property's default disclosure."
        : 'The flow records calls but has no recording disclosure: callers are not told they are recorded.',
  );
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
