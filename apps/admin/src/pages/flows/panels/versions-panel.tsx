import type { JSX } from 'react';
import type { CallFlow } from '@switchboard/domain';

/** Placeholder: the flow-tools helper replaces this panel (the flow's versions, restore one). */
export function VersionsPanel(_props: {
  propertyId: string;
  flowId: string;
  current: CallFlow;
  onRestore: (definition: CallFlow) => void;
}): JSX.Element {
  return <p className="muted">Versions: not built yet.</p>;
}
