import { describeCriteria, describePrompt } from '../diagram/describe';
import { describeAnswer } from '../front-desk/ask-routing';
import { describeRingPlan } from '../ring/ring-plan';
import type { DryRunOutcome, DryRunResult, DryRunTraceEntry } from './dry-run';
import type { CallFlow, StepId } from './flow-model';

/** One step of a dry run as an admin reads it: the step, what happened there, and why. */
export interface ExplainedStep {
  readonly stepId: StepId;
  /** The step's label, or its id. */
  readonly label: string;
  /** What happened: "Branch 1 matched", "Pressed 2", "Forwarded to +1…". */
  readonly decision: string;
  /** Why, when a rule decided it: the branch's criteria, the schedule that was open… */
  readonly why?: string;
  /** Where the call went next, if it went on. */
  readonly next?: StepId;
}

/**
 * A dry run's trace as steps a person reads ("try it" in the console): one entry per step the
 * call passed, from the same trace the simulator records, so the two never disagree.
 */
export function explainDryRun(flow: CallFlow, result: DryRunResult): ExplainedStep[] {
  const labelOf = (id: StepId): string => flow.steps.find((s) => s.id === id)?.label ?? id;
  return result.trace.map((t) => explainEntry(flow, t, labelOf));
}

function explainEntry(flow: CallFlow, t: DryRunTraceEntry, labelOf: (id: StepId) => string): ExplainedStep {
  const stepId = t.kind === 'decision' ? t.entry.stepId : t.stepId;
  const step = flow.steps.find((s) => s.id === stepId);
  const base = { stepId, label: labelOf(stepId) };
  switch (t.kind) {
    case 'decision': {
      const e = t.entry;
      if (e.type === 'route') {
        if (e.branchIndex === null) return { ...base, decision: 'No branch matched: fallback', next: e.next };
        const branch = step?.type === 'route' ? step.branches[e.branchIndex] : undefined;
        const name = branch?.label ? ` (${branch.label})` : '';
        return {
          ...base,
          decision: `Branch ${e.branchIndex + 1}${name} matched`,
          ...(branch ? { why: describeCriteria(branch.criteria) } : {}),
          next: e.next,
        };
      }
      if (e.type !== 'schedule') return { ...base, decision: e.type };
      const unusable = e.unusableScheduleIds?.length
        ? `; could not judge ${e.unusableScheduleIds.join(', ')} (counted as closed)`
        : '';
      if (e.scheduleId === null)
        return { ...base, decision: 'No schedule open: otherwise', why: `closed${unusable}`, next: e.next };
      const reason = e.reason === 'override' ? 'special hours' : e.reason === 'weekly' ? 'weekly hours' : '';
      return {
        ...base,
        decision: `Schedule ${e.scheduleId} open`,
        why: `${reason ? `open by its ${reason}` : 'open'}${unusable}`,
        next: e.next,
      };
    }
    case 'play':
      return {
        ...base,
        decision: 'Played the greeting',
        ...(step?.type === 'greeting' ? { next: step.next } : {}),
      };
    case 'menu': {
      const pressed = t.inputs.map((k) => (k === null || k === '' ? 'no key (timeout)' : `pressed ${k}`));
      const o = t.outcome;
      const decision =
        o.kind === 'option'
          ? `Option ${o.digit} chosen`
          : `Fallback after ${o.lastFailure === 'timeout' ? 'no input' : 'invalid input'}`;
      return { ...base, decision, why: pressed.length ? pressed.join(', ') : 'no input', next: o.stepId };
    }
    case 'ring_group':
      return {
        ...base,
        decision: t.answeredBy === null ? 'Nobody answered' : `Answered by ${t.answeredBy}`,
        why: describeRingPlan(t.plan),
        ...(t.answeredBy === null && step?.type === 'ring_group' && step.noAnswer
          ? { next: step.noAnswer }
          : {}),
      };
    case 'forward':
      return {
        ...base,
        decision: `Forwarded to ${t.to}: ${t.answered ? 'answered' : 'not answered'}`,
        ...(!t.answered && step?.type === 'forward' && step.noAnswer ? { next: step.noAnswer } : {}),
      };
    case 'voicemail':
      return { ...base, decision: `Voicemail in box ${t.voicemailBoxId}` };
    case 'hangup':
      return { ...base, decision: 'Hung up' };
    case 'ask': {
      const fields = step?.type === 'ask' ? step.fields : [];
      const understood = describeAnswer(fields, t.outcome.understood);
      const why = t.said === null ? 'said nothing' : `said “${t.said}”: ${understood}`;
      const o = t.outcome;
      if (o.kind === 'route') {
        const route = step?.type === 'ask' ? step.routes[o.routeIndex] : undefined;
        const name = route?.label ? ` (${route.label})` : '';
        return { ...base, decision: `Route ${o.routeIndex + 1}${name} taken`, why, next: o.stepId };
      }
      const reason = o.reason === 'no_match' ? 'no route matched' : 'not understood';
      return { ...base, decision: `Fallback: ${reason}`, why, next: o.stepId };
    }
  }
}

/**
 * What the caller hears before the flow, when it records: the disclosure and whose it is, or that
 * they are told nothing; null when the flow does not record.
 */
export function describeDisclosure(result: DryRunResult): string | null {
  if (!result.recording) return null;
  const d = result.recordingDisclosure;
  if (d === null) return 'Recorded without a disclosure: the caller is not told';
  const whose = d.source === 'flow' ? 'the flow’s own' : 'the property’s default';
  return `First the recording disclosure (${whose}): ${describePrompt(d.prompt, null) ?? ''}`;
}

/** The call's end in one line: "Answered by ann at ring_leasing". */
export function describeOutcome(o: DryRunOutcome): string {
  switch (o.kind) {
    case 'answered':
      return `Answered by ${o.agentId} at ${o.stepId}`;
    case 'forwarded':
      return `Forwarded to ${o.to} at ${o.stepId}`;
    case 'voicemail':
      return `Voicemail (box ${o.voicemailBoxId}) at ${o.stepId}`;
    case 'hangup':
      return o.reason === 'no_answer'
        ? `Nobody answered at ${o.stepId}; the call ends`
        : `Hung up at ${o.stepId}`;
    case 'error':
      return `Error at ${o.stepId}: ${o.message}`;
  }
}
