import { validateFlow, type CallFlow, type FlowIssue, type FlowValidationContext } from '@switchboard/domain';
import { ApiError, type FieldError } from '../common/api-error';
import { issueField } from '../common/domain-issues';

/** Field errors for what is not even shaped like a flow, before the domain's rules can apply. */
function shapeErrors(d: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof d.initialStepId !== 'string') {
    errors.push({ field: 'definition.initialStepId', message: 'must be the id of the first step' });
  }
  if (!Array.isArray(d.steps)) {
    errors.push({ field: 'definition.steps', message: 'must be an array of steps' });
  } else {
    d.steps.forEach((s, i) => {
      if (typeof s !== 'object' || s === null || Array.isArray(s)) {
        errors.push({ field: `definition.steps[${i}]`, message: 'must be an object with id and type' });
      }
    });
  }
  if (d.recording !== undefined && typeof d.recording !== 'boolean') {
    errors.push({ field: 'definition.recording', message: 'must be true or false' });
  }
  if (d.transcription !== undefined && typeof d.transcription !== 'boolean') {
    errors.push({ field: 'definition.transcription', message: 'must be true or false' });
  }
  const disclosure = d.recordingDisclosure;
  if (
    disclosure !== undefined &&
    (typeof disclosure !== 'object' || disclosure === null || Array.isArray(disclosure))
  ) {
    errors.push({
      field: 'definition.recordingDisclosure',
      message: 'must be a prompt: {kind: "tts", text} or {kind: "audio", audioId}',
    });
  }
  return errors;
}

const asField = (i: FlowIssue): FieldError => issueField(i, 'definition');

/**
 * Checks a submitted flow with libs/domain's validateFlow (the same rules the workflow relies on)
 * and returns it with its warnings; errors become one 422 naming every offending step. `ctx` holds
 * the property's resource ids, so a step naming a schedule, ring group, voicemail box or audio file
 * that does not exist is one of those errors.
 */
export function checkFlowDefinition(
  d: Record<string, unknown>,
  ctx: FlowValidationContext = {},
): { flow: CallFlow; warnings: FieldError[] } {
  const shape = shapeErrors(d);
  if (shape.length) throw ApiError.invalid(shape);
  const flow = { recording: false, ...d } as unknown as CallFlow;
  let report;
  try {
    report = validateFlow(flow, ctx);
  } catch {
    // validateFlow assumes the documented field types; anything stranger is the caller's to fix.
    throw ApiError.invalid([
      { field: 'definition', message: 'is not a valid call flow (see the flow model)' },
    ]);
  }
  if (report.errors.length) throw ApiError.invalid(report.errors.map(asField));
  return { flow, warnings: report.warnings.map(asField) };
}
