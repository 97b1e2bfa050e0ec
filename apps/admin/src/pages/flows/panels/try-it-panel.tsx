import type { JSX } from 'react';
import type { CallFlow } from '@switchboard/domain';

/** Placeholder: the flow-tools helper replaces this panel (a dry run whose path the canvas highlights). */
export function TryItPanel(_props: {
  propertyId: string;
  flowId: string;
  flow: CallFlow;
  onPath: (stepIds: readonly string[] | null) => void;
}): JSX.Element {
  return <p className="muted">Try it: not built yet.</p>;
}
