import { unwrap, type Api } from '../../api/client';
import { useLoad } from '../../use-api';
import { LoadedView, Page } from '../../ui/page';
import { DeliveryLog } from './delivery-log';
import { Destinations } from './destinations';
import { Rules } from './rules';

async function loadSetup(api: Api, propertyId: string) {
  const path = { params: { path: { propertyId } } };
  const [destinations, rules] = await Promise.all([
    unwrap(api.GET('/v1/properties/{propertyId}/conversion-destinations', path)),
    unwrap(api.GET('/v1/properties/{propertyId}/conversion-rules', path)),
  ]);
  return { destinations: destinations.items, rules: rules.items };
}

/**
 * Conversions back to the ad platforms: where they go (destinations), which leads earn one
 * (rules), and what became of each (the delivery log).
 */
export function ConversionsPage({ propertyId }: { propertyId: string }) {
  const setup = useLoad((api) => loadSetup(api, propertyId), [propertyId]);
  return (
    <Page title="Conversions">
      <p className="muted">
        Leads that meet a rule are sent to the ad platforms as conversions, once each, so their bidding learns
        which clicks became calls and forms.
      </p>
      <LoadedView loaded={setup}>
        {(s) => (
          <>
            <Destinations propertyId={propertyId} destinations={s.destinations} changed={setup.reload} />
            <Rules
              propertyId={propertyId}
              rules={s.rules}
              destinations={s.destinations}
              changed={setup.reload}
            />
            <DeliveryLog propertyId={propertyId} destinations={s.destinations} />
          </>
        )}
      </LoadedView>
    </Page>
  );
}
