import type { Route } from '../../routes';
import { ReportsPage } from './reports-page';

export const REPORT_ROUTES: readonly Route[] = [{ path: '/reports', render: () => <ReportsPage /> }];
