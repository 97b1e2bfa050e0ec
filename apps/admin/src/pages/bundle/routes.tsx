import type { Route } from '../../routes';
import { BundlePage } from './bundle-page';

export const BUNDLE_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/bundle', render: (p) => <BundlePage propertyId={p.propertyId} /> },
];
