import type { Route } from '../../routes';
import { DniPage } from './dni-page';

export const DNI_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/dni', render: (p) => <DniPage propertyId={p.propertyId} /> },
];
