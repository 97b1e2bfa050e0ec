import type { Route } from '../../routes';
import { NumbersPage } from './numbers-page';

export const NUMBER_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/numbers', render: (p) => <NumbersPage propertyId={p.propertyId} /> },
];
