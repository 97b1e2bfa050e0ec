import type { Route } from '../../routes';
import { ConversationPage, EmailPage, InboxPage } from './inbox-page';
import { TextsPage } from './texts-page';

export const TEXTS_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/texts', render: (p) => <TextsPage propertyId={p.propertyId} /> },
  { path: '/p/:propertyId/texts/inbox', render: (p) => <InboxPage propertyId={p.propertyId} /> },
  {
    path: '/p/:propertyId/texts/conversations/:conversationId',
    render: (p) => <ConversationPage propertyId={p.propertyId} conversationId={p.conversationId} />,
  },
  {
    path: '/p/:propertyId/texts/emails/:emailId',
    render: (p) => <EmailPage propertyId={p.propertyId} emailId={p.emailId} />,
  },
];
