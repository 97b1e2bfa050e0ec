import type { Route } from '../../routes';
import { ConversionsPage } from './conversions-page';

export const CONVERSION_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/conversions', render: (p) => <ConversionsPage propertyId={p.propertyId} /> },
];
