import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { Page } from '../../ui/page';
import { DefaultRoutingEditor } from './default-routing-editor';

/** The property's default routing: what it is, changing it, and giving it to numbers after a preview. */
export function DefaultRoutingPage({ propertyId }: { propertyId: string }) {
  return (
    <Page title="Default routing" actions={<Link to={propertyPath(propertyId, 'flows')}>Call flows</Link>}>
      <p className="hint">
        The call flow the property’s tracking numbers get when you give it to them here, and the one an import
        copies.
      </p>
      <DefaultRoutingEditor propertyId={propertyId} />
    </Page>
  );
}
