import type { Route } from '../../routes';
import { SchedulePage } from './schedule-page';
import { SchedulesPage } from './schedules-page';

export const SCHEDULE_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/schedules', render: (p) => <SchedulesPage propertyId={p.propertyId} /> },
  {
    path: '/p/:propertyId/schedules/:scheduleId',
    render: (p) => <SchedulePage propertyId={p.propertyId} scheduleId={p.scheduleId} key={p.scheduleId} />,
  },
];
