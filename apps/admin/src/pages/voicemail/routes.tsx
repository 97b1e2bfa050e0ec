import type { Route } from '../../routes';
import { VoicemailBoxPage } from './voicemail-box-page';
import { VoicemailPage } from './voicemail-page';

export const VOICEMAIL_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/voicemail', render: (p) => <VoicemailPage propertyId={p.propertyId} /> },
  {
    path: '/p/:propertyId/voicemail/:boxId',
    render: (p) => <VoicemailBoxPage propertyId={p.propertyId} boxId={p.boxId} key={p.boxId} />,
  },
];
