import type { Route } from '../../routes';
import { SourcePage } from './source-page';
import { SourcesPage } from './sources-page';

export const SOURCE_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/sources', render: (p) => <SourcesPage propertyId={p.propertyId} /> },
  {
    path: '/p/:propertyId/sources/:sourceId',
    render: (p) => <SourcePage propertyId={p.propertyId} sourceId={p.sourceId} />,
  },
];
