import { locateIssue, type CallFlow, type FlowIssue, type ValidationReport } from '@switchboard/domain';
import { ApiProblem } from '../../api/problem';

/**
 * A problem with the flow as the editor shows it: on the step it names (the node, the step's form
 * beside the field, the step list), or on the flow itself when it names no step.
 */
export interface StepIssue {
  readonly stepId?: string;
  /** Relative to the step (`to`, `options.1`), or the flow's own field (`initialStepId`). */
  readonly field: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** validateFlow's report on the draft, each issue placed on its step. */
export function reportIssues(flow: CallFlow, report: ValidationReport<FlowIssue>): StepIssue[] {
  const place = (severity: StepIssue['severity']) => (i: FlowIssue) => ({
    ...locateIssue(flow, i.path, i.stepId),
    message: i.message,
    severity,
  });
  return [...report.errors.map(place('error')), ...report.warnings.map(place('warning'))];
}

/** A 422 from saving `sent`: its fields (`definition.steps[2].to`) placed on the steps sent. */
export function apiIssues(sent: CallFlow, problem: ApiProblem): StepIssue[] {
  return problem.fields
    .filter((f) => f.field === 'definition' || f.field.startsWith('definition.'))
    .map((f) => ({ ...locateIssue(sent, f.field), message: f.message, severity: 'error' as const }));
}

export function issuesOfStep(issues: readonly StepIssue[], stepId: string): StepIssue[] {
  return issues.filter((i) => i.stepId === stepId);
}

/**
 * A step's issues as the ApiProblem the console's Field reads, so each message shows beside the
 * input of the field it names (Field matches names exactly; `under` finds a group's).
 */
export function issuesAsProblem(issues: readonly StepIssue[]): ApiProblem | undefined {
  if (issues.length === 0) return undefined;
  return new ApiProblem(
    422,
    'invalid',
    'The step has problems.',
    issues.map((i) => ({ field: i.field, message: i.message })),
  );
}
