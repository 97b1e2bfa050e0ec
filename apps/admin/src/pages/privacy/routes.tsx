import type { Route } from '../../routes';
import { PrivacyPage } from './privacy-page';
import { PrivacyRequestsPage } from './privacy-requests-page';

export const PRIVACY_ROUTES: readonly Route[] = [
  { path: '/privacy', render: () => <PrivacyPage /> },
  { path: '/privacy-requests', render: () => <PrivacyRequestsPage /> },
];
