import type { CallFlow, FlowStep, StepId } from './flow-model';

/**
 * What changed between two versions of a flow, by step, as an admin reads it when comparing
 * versions: steps added, removed, and changed with each changed setting before and after. Steps
 * are matched by id (ids are what links, paths and call records use), so a renamed id reads as one
 * step removed and another added.
 */
export interface FlowDiff {
  /** Whether the two flows differ at all. */
  readonly changed: boolean;
  /**
   * The flow's own settings that changed (`initialStepId`, `recording`, `transcription`,
   * `recordingDisclosure` and its fields).
   */
  readonly flow: readonly FieldChange[];
  /** One entry per step that differs: the newer flow's order, then the removed steps in the older one's. */
  readonly steps: readonly StepDiff[];
}

export type StepDiff =
  | { readonly change: 'added'; readonly stepId: StepId; readonly step: FlowStep }
  | { readonly change: 'removed'; readonly stepId: StepId; readonly step: FlowStep }
  | {
      readonly change: 'changed';
      readonly stepId: StepId;
      readonly before: FlowStep;
      readonly after: FlowStep;
      readonly fields: readonly FieldChange[];
    };

/**
 * One setting that differs, by its path in the step (`next`, `options.2`, `branches[0].criteria[1].value`,
 * `prompt.text`); `undefined` on one side means the setting is absent there.
 */
export interface FieldChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export function diffFlows(before: CallFlow, after: CallFlow): FlowDiff {
  const flow: FieldChange[] = [];
  diffValues('initialStepId', before.initialStepId, after.initialStepId, flow);
  diffValues('recording', before.recording, after.recording, flow);
  diffValues('transcription', before.transcription ?? false, after.transcription ?? false, flow);
  diffValues('recordingDisclosure', before.recordingDisclosure, after.recordingDisclosure, flow);

  const old = new Map(before.steps.map((s) => [s.id, s]));
  const kept = new Set(after.steps.map((s) => s.id));
  const steps: StepDiff[] = [];
  for (const step of after.steps) {
    const was = old.get(step.id);
    if (was === undefined) {
      steps.push({ change: 'added', stepId: step.id, step });
      continue;
    }
    const fields: FieldChange[] = [];
    diffValues('', was, step, fields);
    if (fields.length > 0)
      steps.push({ change: 'changed', stepId: step.id, before: was, after: step, fields });
  }
  for (const step of before.steps)
    if (!kept.has(step.id)) steps.push({ change: 'removed', stepId: step.id, step });

  return { changed: flow.length > 0 || steps.length > 0, flow, steps };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

/**
 * Collects the leaves that differ. Objects are compared key by key and arrays index by index
 * (a branch's position is what routing tries first), so a change reads as the one setting it is;
 * a value whose shape changed (object ↔ text) is one change of the whole value.
 */
function diffValues(path: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    for (const key of keys) diffValues(join(path, key), before[key], after[key], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      diffValues(`${path}[${i}]`, before[i], after[i], out);
    return;
  }
  // Leaves: text, numbers, booleans, null, absence, or two values of different shapes.
  if (before !== after) out.push({ path, before, after });
}
