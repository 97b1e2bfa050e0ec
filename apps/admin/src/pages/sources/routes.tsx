import type { Route } from '../../routes';
import { SourcesPage } from './sources-page';

export const SOURCE_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/sources', render: (p) => <SourcesPage propertyId={p.propertyId} /> },
];
