import type { Route } from '../../routes';
import { PrivacyPage } from './privacy-page';

export const PRIVACY_ROUTES: readonly Route[] = [{ path: '/privacy', render: () => <PrivacyPage /> }];
