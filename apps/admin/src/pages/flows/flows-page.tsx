import { minimalFlow } from '@switchboard/domain';
import { useState } from 'react';
import { unwrap } from '../../api/client';
import { Link, navigate } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';

/**
 * The property's call flows: open one in the editor, start a new one (a flow that just ends the
 * call, valid from the first save), or delete one no number uses (the api's 409 names its users,
 * shown on the flow's row).
 */
export function FlowsPage({ propertyId }: { propertyId: string }) {
  const { readOnly } = useSession();
  const path = { params: { path: { propertyId } } };
  const flows = useLoad(
    async (api) => {
      const [list, routing] = await Promise.all([
        unwrap(api.GET('/v1/properties/{propertyId}/call-flows', path)),
        unwrap(api.GET('/v1/properties/{propertyId}/default-routing', path)),
      ]);
      return { items: list.items, defaultId: routing.callFlowId };
    },
    [propertyId],
  );
  const create = useAction();
  const remove = useAction();
  const [removing, setRemoving] = useState<string>();
  const [name, setName] = useState('');
  return (
    <Page title="Call flows">
      <LoadedView loaded={flows}>
        {({ items, defaultId }) => (
          <DataTable
            caption="Call flows"
            rows={items}
            rowKey={(f) => f.id}
            empty="No call flow yet."
            columns={[
              {
                header: 'Name',
                cell: (f) => (
                  <>
                    <Link to={propertyPath(propertyId, 'flows', `/${f.id}`)}>{f.name}</Link>
                    {f.id === defaultId && <span className="badge">default</span>}
                  </>
                ),
              },
              { header: 'Version', cell: (f) => f.currentVersion, numeric: true },
              { header: 'Changed', cell: (f) => new Date(f.updatedAt).toLocaleString() },
              {
                header: 'Actions',
                cell: (f) => (
                  <>
                    {!readOnly && (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Delete ${f.name}`}
                        disabled={remove.busy}
                        onClick={() => {
                          setRemoving(f.id);
                          void remove.run(async (api) => {
                            await unwrap(
                              api.DELETE('/v1/properties/{propertyId}/call-flows/{flowId}', {
                                params: { path: { propertyId, flowId: f.id } },
                              }),
                            );
                            flows.reload();
                          });
                        }}
                      >
                        Delete
                      </button>
                    )}
                    {removing === f.id && <ProblemNotice problem={remove.problem} />}
                  </>
                ),
              },
            ]}
          />
        )}
      </LoadedView>
      {!readOnly && (
        <section aria-labelledby="new-flow">
          <h2 id="new-flow">New flow</h2>
          <ProblemNotice problem={create.problem} shown={['name']} />
          <form
            className="form form-inline"
            onSubmit={(e) => {
              e.preventDefault();
              void create
                .run((api) =>
                  unwrap(
                    api.POST('/v1/properties/{propertyId}/call-flows', {
                      ...path,
                      body: { name: name.trim(), definition: { ...minimalFlow() } },
                    }),
                  ),
                )
                .then((created) => {
                  if (created) navigate(propertyPath(propertyId, 'flows', `/${created.id}`));
                });
            }}
          >
            <Field
              label="Flow name"
              name="name"
              problem={create.problem}
              hint="It starts by ending the call politely; add steps in the editor."
            >
              {(a) => <input {...a} value={name} required onChange={(e) => setName(e.target.value)} />}
            </Field>
            <button type="submit" disabled={create.busy}>
              New flow
            </button>
          </form>
        </section>
      )}
    </Page>
  );
}
