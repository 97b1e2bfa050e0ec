import type { CallFlow } from './flow-model';
import type { Prompt } from './prompt';

/**
 * Recording disclosures: what a caller is told before a flow records them. A flow may have its own
 * disclosure; a property may have a default one for its flows that have none, and may require
 * every recording flow to have a disclosure (its own or the default).
 */

/** A property's disclosure settings, as flow validation needs them. */
export interface DisclosurePolicy {
  /** The property has a default disclosure, which plays for recording flows without their own. */
  readonly propertyDefault: boolean;
  /** Every recording flow of the property must have a disclosure (its own, or the default). */
  readonly required: boolean;
}

/** The disclosure a call plays, and whose it is. */
export interface AppliedDisclosure {
  readonly prompt: Prompt;
  readonly source: 'flow' | 'property';
}

/**
 * The disclosure a call on `flow` plays before anything is recorded: the flow's own, else the
 * property's default; none when the flow does not record (nothing to disclose).
 */
export function recordingDisclosureOf(
  flow: Pick<CallFlow, 'recording' | 'recordingDisclosure'>,
  propertyDefault: Prompt | null | undefined,
): AppliedDisclosure | null {
  if (flow.recording !== true) return null;
  if (flow.recordingDisclosure !== undefined && flow.recordingDisclosure !== null)
    return { prompt: flow.recordingDisclosure, source: 'flow' };
  return propertyDefault ? { prompt: propertyDefault, source: 'property' } : null;
}
