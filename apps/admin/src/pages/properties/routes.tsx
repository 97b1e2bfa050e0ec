import type { Route } from '../../routes';
import { PropertiesPage } from './properties-page';
import { PropertySettingsPage } from './property-settings-page';

export const PROPERTY_ROUTES: readonly Route[] = [
  { path: '/properties', render: () => <PropertiesPage /> },
  { path: '/p/:propertyId/settings', render: (p) => <PropertySettingsPage propertyId={p.propertyId} /> },
];
