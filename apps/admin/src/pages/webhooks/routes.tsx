import type { Route } from '../../routes';
import { WebhookPage } from './webhook-page';
import { WebhooksPage } from './webhooks-page';

export const WEBHOOK_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/webhooks', render: (p) => <WebhooksPage propertyId={p.propertyId} /> },
  {
    path: '/p/:propertyId/webhooks/:webhookId',
    render: (p) => <WebhookPage propertyId={p.propertyId} webhookId={p.webhookId} />,
  },
];
