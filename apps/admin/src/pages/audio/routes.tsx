import type { Route } from '../../routes';
import { AudioPage } from './audio-page';

export const AUDIO_ROUTES: readonly Route[] = [
  { path: '/p/:propertyId/audio', render: (p) => <AudioPage propertyId={p.propertyId} /> },
];
