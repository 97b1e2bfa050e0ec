import type { Route } from '../../routes';
import { LivePage } from './live-page';

export const LIVE_ROUTES: readonly Route[] = [{ path: '/live', render: () => <LivePage /> }];
