import type { Route } from '../../routes';
import { DefaultRoutingPage } from './default-routing-page';
import { FlowToolsPage } from './flow-tools-page';
import { ImportPage } from './import-page';

/**
 * The flows area's screens besides the editor. app.tsx lists them before the flows routes, so
 * `/flows/import` is this screen and not a flow whose id is "import".
 */
export const FLOW_IMPORT_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/flows/import', render: (p) => <ImportPage propertyId={p.propertyId} /> },
  {
    path: '/p/:propertyId/flows/:flowId/tools',
    render: (p) => <FlowToolsPage propertyId={p.propertyId} flowId={p.flowId} />,
  },
  { path: '/p/:propertyId/default-routing', render: (p) => <DefaultRoutingPage propertyId={p.propertyId} /> },
];
