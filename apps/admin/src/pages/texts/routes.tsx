import type { Route } from '../../routes';
import { TextsPage } from './texts-page';

export const TEXTS_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/texts', render: (p) => <TextsPage propertyId={p.propertyId} /> },
];
