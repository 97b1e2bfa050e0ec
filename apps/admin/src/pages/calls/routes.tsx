import type { Route } from '../../routes';
import { CallPage } from './call-page';
import { CallsPage } from './calls-page';

export const CALL_ROUTES: readonly Route[] = [
  { path: '/calls', render: () => <CallsPage /> },
  { path: '/calls/:callId', render: (p) => <CallPage callId={p.callId} /> },
];
