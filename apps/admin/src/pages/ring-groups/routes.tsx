import type { Route } from '../../routes';
import { RingGroupPage } from './ring-group-page';
import { RingGroupsPage } from './ring-groups-page';

export const RING_GROUP_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/ring-groups', render: (p) => <RingGroupsPage propertyId={p.propertyId} /> },
  {
    path: '/p/:propertyId/ring-groups/:ringGroupId',
    render: (p) => (
      <RingGroupPage propertyId={p.propertyId} ringGroupId={p.ringGroupId} key={p.ringGroupId} />
    ),
  },
];
