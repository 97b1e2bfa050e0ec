import { EDGE_LABEL_CHARS, lookupName, truncate } from '../../diagram/describe';
import { evaluateSchedule } from '../../schedule/is-open';
import { isList } from '../../shared/is-list';
import type { ScheduleStep } from '../flow-model';
import type { DecisionContext, SchedulePathEntry } from '../interpret';
import type { ResourceRef } from '../resource-ref';
import type { FlowValidationContext } from '../validate-flow';
import { branchIndexOf, type AddStepIssue, type StepDescriptor } from './descriptor';

/** The first listed schedule open at the call's start instant, else `otherwise`. */
export const schedule: StepDescriptor<ScheduleStep> = {
  links: (step) => [
    ...step.branches.map((b, i) => ({ path: `branches[${i}].next`, target: b.next })),
    { path: 'otherwise', target: step.otherwise },
  ],
  prompts: () => [],
  callerInput: false,
  resources: (step) => step.branches.map((b): ResourceRef => ({ kind: 'schedule', id: b.scheduleId })),
  validate: checkSchedule,
  run: { decide: decideSchedule },
  diagram: {
    shape: 'diamond',
    mermaidShape: ['{', '}'],
    mermaidClass: 'schedule',
    colours: { fill: '#fff4d6', stroke: '#b8860b' },
    detail: (step, names, max) => {
      const list = (step.branches ?? []).map((b) => lookupName(names.schedules, b.scheduleId)).join(', ');
      return `Schedule: ${max === null ? list : truncate(list, max)}`;
    },
    edgeLabel: (step, link, names) => {
      if (link.path === 'otherwise') return 'closed/otherwise';
      const index = branchIndexOf(link.path);
      const branch = index !== null ? step.branches[index] : undefined;
      if (branch === undefined) return link.path;
      return truncate(`${lookupName(names.schedules, branch.scheduleId)} open`, EDGE_LABEL_CHARS);
    },
  },
};

function decideSchedule(step: ScheduleStep, ctx: DecisionContext): SchedulePathEntry {
  const unusable: string[] = [];
  const withUnusable = () => (unusable.length > 0 ? { unusableScheduleIds: unusable } : {});
  for (const [index, branch] of step.branches.entries()) {
    const hours = ctx.schedules[branch.scheduleId];
    if (hours === undefined) {
      unusable.push(branch.scheduleId);
      continue;
    }
    let verdict;
    try {
      verdict = evaluateSchedule(hours, ctx.at, ctx.timeZone);
    } catch {
      unusable.push(branch.scheduleId); // unknown time zone: treat as closed rather than drop the call
      continue;
    }
    if (verdict.open) {
      return {
        stepId: step.id,
        type: 'schedule',
        branchIndex: index,
        scheduleId: branch.scheduleId,
        reason: verdict.reason,
        next: branch.next,
        ...withUnusable(),
      };
    }
  }
  return {
    stepId: step.id,
    type: 'schedule',
    branchIndex: null,
    scheduleId: null,
    next: step.otherwise,
    ...withUnusable(),
  };
}

function checkSchedule(step: ScheduleStep, ctx: FlowValidationContext, add: AddStepIssue): void {
  if (!isList(step.branches) || step.branches.length === 0) {
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
