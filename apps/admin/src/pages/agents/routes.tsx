import type { Route } from '../../routes';
import { AgentsPage } from './agents-page';

export const AGENT_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/agents', render: (p) => <AgentsPage propertyId={p.propertyId} /> },
];
