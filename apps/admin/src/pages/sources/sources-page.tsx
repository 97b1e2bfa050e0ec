import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Body } from '../../api/types';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';

type NewSource = Body<'/v1/properties/{propertyId}/sources', 'post'>;

/** The property's marketing sources: each tracking number and web visit is attributed to one. */
export function SourcesPage({ propertyId }: { propertyId: string }) {
  const { readOnly } = useSession();
  const path = { params: { path: { propertyId } } };
  const sources = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/sources', path)),
    [propertyId],
  );
  const add = useAction();
  const remove = useAction();
  const [draft, setDraft] = useState<NewSource>({ name: '' });
  return (
    <Page title="Sources">
      <ProblemNotice problem={remove.problem} />
      <LoadedView loaded={sources}>
        {(page) => (
          <DataTable
            caption="Sources"
            rows={page.items}
            rowKey={(s) => s.id}
            empty="No source yet."
            columns={[
              { header: 'Name', cell: (s) => s.name },
              { header: 'Standard', cell: (s) => s.standardKey ?? '—' },
              { header: 'Priority', cell: (s) => s.priority, numeric: true },
              {
                header: 'Actions',
                cell: (s) =>
                  !readOnly && (
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Delete ${s.name}`}
                      onClick={() =>
                        void remove.run(async (api) => {
                          await unwrap(
                            api.DELETE('/v1/properties/{propertyId}/sources/{sourceId}', {
                              params: { path: { propertyId, sourceId: s.id } },
                            }),
                          );
                          sources.reload();
                        })
                      }
                    >
                      Delete
                    </button>
                  ),
              },
            ]}
          />
        )}
      </LoadedView>
      {!readOnly && (
        <section aria-labelledby="add-source">
          <h2 id="add-source">Add a source</h2>
          <ProblemNotice problem={add.problem} shown={['name']} />
          <form
            className="form form-inline"
            onSubmit={(e) => {
              e.preventDefault();
              void add
                .run((api) =>
                  unwrap(api.POST('/v1/properties/{propertyId}/sources', { ...path, body: draft })),
                )
                .then((created) => {
                  if (!created) return;
                  setDraft({ name: '' });
                  sources.reload();
                });
            }}
          >
            <Field label="Name" name="name" problem={add.problem}>
              {(a) => (
                <input
                  {...a}
                  value={draft.name}
                  onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                />
              )}
            </Field>
            <button type="submit" disabled={add.busy}>
              Add source
            </button>
          </form>
        </section>
      )}
    </Page>
  );
}
