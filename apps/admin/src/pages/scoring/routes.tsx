import type { Route } from '../../routes';
import { ScoringPage } from './scoring-page';

export const SCORING_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/scoring', render: (p) => <ScoringPage propertyId={p.propertyId} /> },
];
