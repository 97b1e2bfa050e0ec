import { Layout } from './layout';
import { ACCOUNT_ROUTES } from './pages/account/routes';
import { AGENT_ROUTES } from './pages/agents/routes';
import { AUDIO_ROUTES } from './pages/audio/routes';
import { BUNDLE_ROUTES } from './pages/bundle/routes';
import { CALL_ROUTES } from './pages/calls/routes';
import { CONVERSION_ROUTES } from './pages/conversions/routes';
import { DNI_ROUTES } from './pages/dni/routes';
import { FLOW_IMPORT_ROUTES } from './pages/flows/import-routes';
import { FORM_ROUTES } from './pages/forms/routes';
import { FLOW_ROUTES } from './pages/flows/routes';
import { LIVE_ROUTES } from './pages/live/routes';
import { NUMBER_ROUTES } from './pages/numbers/routes';
import { PRIVACY_ROUTES } from './pages/privacy/routes';
import { PROPERTY_ROUTES } from './pages/properties/routes';
import { REPORT_ROUTES } from './pages/reports/routes';
import { RING_GROUP_ROUTES } from './pages/ring-groups/routes';
import { SCHEDULE_ROUTES } from './pages/schedules/routes';
import { SCORING_ROUTES } from './pages/scoring/routes';
import { SignInPage } from './pages/sign-in';
import { SOURCE_ROUTES } from './pages/sources/routes';
import { TEXTS_ROUTES } from './pages/texts/routes';
import { VOICEMAIL_ROUTES } from './pages/voicemail/routes';
import { WEBHOOK_ROUTES } from './pages/webhooks/routes';
import { matchPath, navigate, useFocusOnNavigate, useLocation } from './router';
import type { Route } from './routes';
import { propertyPath } from './sections';
import { SessionProvider, useSession } from './session';
import { NotFound } from './ui/problem-notice';

const ROUTES: readonly Route[] = [
  // Before the flows' own routes, so `/flows/import` is not read as a flow id.
  ...FLOW_IMPORT_ROUTES,
  ...PROPERTY_ROUTES,
  ...SOURCE_ROUTES,
  ...FLOW_ROUTES,
  ...SCHEDULE_ROUTES,
  ...AGENT_ROUTES,
  ...RING_GROUP_ROUTES,
  ...AUDIO_ROUTES,
  ...VOICEMAIL_ROUTES,
  ...NUMBER_ROUTES,
  ...SCORING_ROUTES,
  ...WEBHOOK_ROUTES,
  ...DNI_ROUTES,
  ...BUNDLE_ROUTES,
  ...TEXTS_ROUTES,
  ...ACCOUNT_ROUTES,
  ...CALL_ROUTES,
  ...REPORT_ROUTES,
  ...LIVE_ROUTES,
  ...FORM_ROUTES,
  ...CONVERSION_ROUTES,
  ...PRIVACY_ROUTES,
];

export function App() {
  return (
    <SessionProvider signIn={(props) => <SignInPage {...props} />}>
      <Screens />
    </SessionProvider>
  );
}

function Screens() {
  const { path } = useLocation();
  const { properties } = useSession();
  useFocusOnNavigate(path);
  if (path === '/') {
    // The first property's flows, or the property list to create one.
    const first = properties[0];
    navigate(first ? propertyPath(first.id, 'flows') : '/properties', { replace: true });
    return null;
  }
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params)
      return (
        <Layout propertyId={params.propertyId} key={params.propertyId}>
          {route.render(params)}
        </Layout>
      );
  }
  return (
    <Layout propertyId={undefined}>
      <h1 tabIndex={-1}>Not found</h1>
      <NotFound message={`The console has no page at ${path}.`} />
    </Layout>
  );
}
