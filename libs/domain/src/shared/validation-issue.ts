/**
 * One shape for every problem a validator reports, so the admin API can show flow, schedule and
 * ring-group problems the same way. `path` points into the validated document
 * (e.g. `steps[3].options.2`) so a UI can highlight the exact field; `stepId` names the flow step
 * when there is one, because admins think in step ids, not array indexes.
 */
export interface ValidationIssue {
  readonly code: string;
  readonly path: string;
  readonly message: string;
  readonly stepId?: string;
}

/** Errors block saving; warnings are shown but allowed. */
export interface ValidationReport<I extends ValidationIssue = ValidationIssue> {
  readonly errors: I[];
  readonly warnings: I[];
}
