import { useState } from 'react';
import { unwrap } from '../../api/client';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { ShownOnce } from '../../ui/copy-button';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { shownFields } from '../../ui/list-text';
import { LoadedView } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { PropertyPicker } from './property-picker';

const when = (at: string | Date | null | undefined): string => (at ? new Date(at).toLocaleString() : '—');

/**
 * The account's API keys: a new key is shown once; revoking stops it at once. Only a key that is
 * neither read-only nor property-limited may manage keys (the api answers 403 to others).
 */
export function ApiKeys({ mayChange }: { mayChange: boolean }) {
  const { properties, account } = useSession();
  const keys = useLoad((api) => unwrap(api.GET('/v1/api-keys')), []);
  const create = useAction();
  const revoke = useAction();
  const [name, setName] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const [limited, setLimited] = useState(false);
  const [propertyIds, setPropertyIds] = useState<string[]>([]);
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const propertyName = (id: string) => properties.find((p) => p.id === id)?.name ?? id;
  return (
    <section aria-labelledby="api-keys">
      <h2 id="api-keys">API keys</h2>
      {created && (
        <ShownOnce
          label={`The key ${created.name}`}
          secret={created.key}
          onDone={() => setCreated(undefined)}
        />
      )}
      <ProblemNotice problem={revoke.problem} />
      <LoadedView loaded={keys}>
        {(page) => (
          <DataTable
            caption="API keys"
            rows={page.items}
            rowKey={(k) => k.id}
            columns={[
              { header: 'Name', cell: (k) => (k.id === account.key.id ? `${k.name} (this key)` : k.name) },
              { header: 'Starts with', cell: (k) => <code>{k.prefix}</code> },
              { header: 'Access', cell: (k) => (k.readOnly ? 'read-only' : 'read and change') },
              {
                header: 'Properties',
                cell: (k) => (k.propertyIds === null ? 'all' : k.propertyIds.map(propertyName).join(', ')),
              },
              { header: 'Created', cell: (k) => when(k.createdAt) },
              { header: 'Last used', cell: (k) => when(k.lastUsedAt) },
              {
                header: 'Status',
                cell: (k) =>
                  k.revokedAt ? (
                    `revoked ${when(k.revokedAt)}`
                  ) : mayChange && k.id !== account.key.id ? (
                    <button
                      type="button"
                      className="link-button danger"
                      disabled={revoke.busy}
                      onClick={() => {
                        if (!window.confirm(`Revoke the key ${k.name}? It stops working at once.`)) return;
                        void revoke
                          .run((api) =>
                            unwrap(api.DELETE('/v1/api-keys/{keyId}', { params: { path: { keyId: k.id } } })),
                          )
                          .then((ok) => ok && keys.reload());
                      }}
                    >
                      Revoke {k.name}
                    </button>
                  ) : (
                    'active'
                  ),
              },
            ]}
          />
        )}
      </LoadedView>
      {mayChange && (
        <form
          className="form"
          aria-labelledby="new-key"
          onSubmit={(e) => {
            e.preventDefault();
            void create
              .run((api) =>
                unwrap(
                  api.POST('/v1/api-keys', {
                    body: { name, readOnly, ...(limited ? { propertyIds } : {}) },
                  }),
                ),
              )
              .then((k) => {
                if (!k) return;
                setCreated({ name: k.name, key: k.key });
                setName('');
                setReadOnly(false);
                setLimited(false);
                setPropertyIds([]);
                keys.reload();
              });
          }}
        >
          <h3 id="new-key">Create a key</h3>
          <ProblemNotice
            problem={create.problem}
            shown={shownFields(create.problem, ['name', 'readOnly', 'propertyIds'])}
          />
          <fieldset disabled={create.busy}>
            <Field label="Key name" name="name" problem={create.problem} hint="Who or what uses it">
              {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} required />}
            </Field>
            <label>
              <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} />{' '}
              Read-only (may only read)
            </label>
            <label>
              <input type="checkbox" checked={limited} onChange={(e) => setLimited(e.target.checked)} /> Only
              some properties
            </label>
            {limited && (
              <PropertyPicker
                legend="Properties the key reaches"
                field="propertyIds"
                value={propertyIds}
                onChange={setPropertyIds}
                problem={create.problem}
              />
            )}
            <button type="submit">{create.busy ? 'Creating…' : 'Create key'}</button>
          </fieldset>
        </form>
      )}
    </section>
  );
}
