import type { JSX } from 'react';
/** Placeholder: the flow-tools helper replaces this panel (assign to numbers, default routing). */
export function UsePanel(_props: { propertyId: string; flowId: string }): JSX.Element {
  return <p className="muted">Use: not built yet.</p>;
}
