import { useSession } from '../../session';
import { Page } from '../../ui/page';
import { ApiKeys } from './api-keys';
import { PropertyLists } from './property-lists';

/** The account, what the signed-in key may do, the account's keys and its property lists. */
export function AccountPage() {
  const { account, readOnly, properties } = useSession();
  // Keys and lists are the whole account's: only a key limited in nothing may change them.
  const unrestricted = !readOnly && account.key.propertyIds === null;
  return (
    <Page title="Account & keys">
      <section aria-labelledby="account">
        <h2 id="account">Account</h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{account.name}</dd>
          <dt>Account id</dt>
          <dd>
            <code>{account.id}</code>
          </dd>
          <dt>This key</dt>
          <dd>
            {readOnly ? 'read-only' : 'read and change'},{' '}
            {account.key.propertyIds === null
              ? 'every property'
              : `${properties.length} propert${properties.length === 1 ? 'y' : 'ies'}`}
          </dd>
        </dl>
        {!unrestricted && (
          <p className="muted">
            This key cannot manage keys or property lists: that needs a key limited in nothing.
          </p>
        )}
      </section>
      <ApiKeys mayChange={unrestricted} />
      <PropertyLists mayChange={unrestricted} />
    </Page>
  );
}
