import type { Route } from '../../routes';
import { FlowEditorPage } from './flow-editor-page';
import { FlowsPage } from './flows-page';

export const FLOW_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/flows', render: (p) => <FlowsPage propertyId={p.propertyId} /> },
  {
    path: '/p/:propertyId/flows/:flowId',
    render: (p) => <FlowEditorPage key={p.flowId} propertyId={p.propertyId} flowId={p.flowId} />,
  },
];
