import type { Route } from '../../routes';
import { AccountPage } from './account-page';

export const ACCOUNT_ROUTES: readonly Route[] = [{ path: '/account', render: () => <AccountPage /> }];
