import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { shownFields } from '../../ui/list-text';
import { LoadedView } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { PropertyPicker } from './property-picker';

type PropertyList = Ok<'/v1/property-lists/{listId}', 'get'>;

/** Named sets of properties (a region, a portfolio): reports and the property list filter by them. */
export function PropertyLists({ mayChange }: { mayChange: boolean }) {
  const { properties } = useSession();
  const lists = useLoad((api) => unwrap(api.GET('/v1/property-lists')), []);
  const remove = useAction();
  const [editing, setEditing] = useState<string>();
  const propertyName = (id: string) => properties.find((p) => p.id === id)?.name ?? id;
  return (
    <section aria-labelledby="property-lists">
      <h2 id="property-lists">Property lists</h2>
      <ProblemNotice problem={remove.problem} />
      <LoadedView loaded={lists}>
        {(page) => (
          <>
            <DataTable
              caption="Property lists"
              rows={page.items}
              rowKey={(l) => l.id}
              empty="No property list yet."
              columns={[
                { header: 'Name', cell: (l) => l.name },
                { header: 'Properties', cell: (l) => l.propertyIds.map(propertyName).join(', ') || '—' },
                {
                  header: 'Actions',
                  cell: (l) =>
                    mayChange && (
                      <span className="row-actions">
                        <button type="button" className="link-button" onClick={() => setEditing(l.id)}>
                          Edit {l.name}
                        </button>
                        <button
                          type="button"
                          className="link-button danger"
                          disabled={remove.busy}
                          onClick={() => {
                            if (!window.confirm(`Delete the property list ${l.name}? Its properties stay.`))
                              return;
                            void remove
                              .run((api) =>
                                unwrap(
                                  api.DELETE('/v1/property-lists/{listId}', {
                                    params: { path: { listId: l.id } },
                                  }),
                                ),
                              )
                              .then(() => lists.reload());
                          }}
                        >
                          Delete {l.name}
                        </button>
                      </span>
                    ),
                },
              ]}
            />
            {mayChange && (
              <ListForm
                key={editing ?? 'new'}
                list={page.items.find((l) => l.id === editing)}
                done={() => {
                  setEditing(undefined);
                  lists.reload();
                }}
              />
            )}
          </>
        )}
      </LoadedView>
    </section>
  );
}

function ListForm({ list, done }: { list: PropertyList | undefined; done: () => void }) {
  const save = useAction();
  const [name, setName] = useState(list?.name ?? '');
  const [propertyIds, setPropertyIds] = useState<string[]>(list?.propertyIds ?? []);
  const title = list ? `Edit ${list.name}` : 'Add a property list';
  return (
    <form
      className="form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        const body = { name, propertyIds };
        void save
          .run((api) =>
            list
              ? unwrap(
                  api.PUT('/v1/property-lists/{listId}', { params: { path: { listId: list.id } }, body }),
                )
              : unwrap(api.POST('/v1/property-lists', { body })),
          )
          .then((ok) => {
            if (!ok) return;
            setName('');
            setPropertyIds([]);
            done();
          });
      }}
    >
      <h3>{title}</h3>
      <ProblemNotice problem={save.problem} shown={shownFields(save.problem, ['name', 'propertyIds'])} />
      <fieldset disabled={save.busy}>
        <Field label="List name" name="name" problem={save.problem}>
          {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} required />}
        </Field>
        <PropertyPicker
          legend="Properties in the list"
          field="propertyIds"
          value={propertyIds}
          onChange={setPropertyIds}
          problem={save.problem}
        />
        <button type="submit">{save.busy ? 'Saving…' : list ? 'Save list' : 'Add list'}</button>
        {list && (
          <button type="button" className="secondary" onClick={done}>
            Cancel
          </button>
        )}
      </fieldset>
    </form>
  );
}
