import { describeCriteria, EDGE_LABEL_CHARS, oneLine, truncate } from '../../diagram/describe';
import { chooseBranch } from '../../routing/choose-branch';
import { criteriaSetKey } from '../../routing/criterion-key';
import { isSessionCriterion, type Criterion } from '../../routing/criterion-model';
import { criterionProblems, unsatisfiableReason } from '../../routing/criterion-problems';
import { isList } from '../../shared/is-list';
import type { RouteStep } from '../flow-model';
import type { FlowValidationContext } from '../validate-flow';
import { branchIndexOf, type AddStepIssue, type StepDescriptor } from './descriptor';

/** Responsive routing: the first branch whose criteria all hold, else the fallback. */
export const route: StepDescriptor<RouteStep> = {
  links: (step) => [
    ...step.branches.map((b, i) => ({ path: `branches[${i}].next`, target: b.next })),
    { path: 'fallback', target: step.fallback },
  ],
  prompts: () => [],
  callerInput: false,
  resources: () => [],
  validate: checkRoute,
  run: {
    decide: (step, ctx) => {
      const choice = chooseBranch(step.branches, step.fallback, ctx.caller);
      return { stepId: step.id, type: 'route', branchIndex: choice.branchIndex, next: choice.next };
    },
  },
  diagram: {
    shape: 'diamond',
    mermaidShape: ['{', '}'],
    mermaidClass: 'route',
    colours: { fill: '#fff4d6', stroke: '#b8860b' },
    detail: (step) => `Route: ${plural((step.branches ?? []).length, 'branch')}`,
    edgeLabel: (step, link) => {
      if (link.path === 'fallback') return 'no match';
      const index = branchIndexOf(link.path);
      const branch = index !== null ? step.branches[index] : undefined;
      if (branch === undefined) return link.path;
      const summary = describeCriteria(branch.criteria ?? []);
      const label = typeof branch.label === 'string' ? oneLine(branch.label) : '';
      return truncate(label === '' ? summary : `${label}: ${summary}`, EDGE_LABEL_CHARS);
    },
  },
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 'es'}`;
}

function checkRoute(step: RouteStep, ctx: FlowValidationContext, add: AddStepIssue): void {
  if (!isList(step.branches) || step.branches.length === 0) {
    add('warning', 'no_branches', 'branches', 'has no branches: every call takes the fallback.');
    return;
  }
  const seen: Array<{ key: string; keys: Set<string>; index: number }> = [];
  step.branches.forEach((branch, b) => {
    const path = `branches[${b}]`;
    const criteria: readonly Criterion[] = isList(branch.criteria) ? branch.criteria : [];
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
