import { useState } from 'react';
import { useSession } from '../../session';
import { Page } from '../../ui/page';
import { AuditLog } from './audit-log';
import { Erasures } from './erasures';
import { ExportForm } from './export-form';

/**
 * Privacy requests (docs/privacy-requests.md): erasing a person, exporting what is held about
 * them, and the audit log of both. They span every property of the account, so the api takes them
 * only from a key that is neither read-only nor limited to some properties; other keys see why,
 * and the api's refusal in place of the lists.
 */
export function PrivacyRequestsPage() {
  const { account, readOnly } = useSession();
  const unrestricted = !readOnly && account.key.propertyIds === null;
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <Page title="Privacy requests">
      <p className="muted">
        A caller, texter or lead may ask what the account holds about them, or to be forgotten. Find them by
        the phone number or email address they used.
      </p>
      {!unrestricted && (
        <p className="notice notice-warn">
          Privacy requests cover the whole account: erasing, exporting and reading them needs a key that is
          neither read-only nor limited to some properties.
        </p>
      )}
      <Erasures mayChange={unrestricted} changed={changed} />
      {unrestricted && <ExportForm exported={changed} />}
      <AuditLog version={version} />
    </Page>
  );
}
