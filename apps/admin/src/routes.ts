import type { ReactNode } from 'react';

/**
 * One screen of the console: its path pattern (`/p/:propertyId/flows/:flowId`) and what it renders
 * with the pattern's parameters. Each area lists its routes in its own `pages/<area>/routes.tsx`;
 * app.tsx joins them.
 */
export interface Route {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
}
