import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Body } from '../../api/types';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { describeRule, dniRulesOf } from './dni-rule-draft';

type NewSource = Body<'/v1/properties/{propertyId}/sources', 'post'>;

/**
 * The property's marketing sources: each tracking number, web visit, text and email is attributed
 * to one. Standard sources come from the catalog with their DNI rules; custom ones start empty.
 */
export function SourcesPage({ propertyId }: { propertyId: string }) {
  const { readOnly } = useSession();
  const path = { params: { path: { propertyId } } };
  const sources = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/sources', path)),
    [propertyId],
  );
  const catalog = useLoad((api) => unwrap(api.GET('/v1/standard-sources')), []);
  const added = new Set((sources.data?.items ?? []).map((s) => s.standardKey).filter(Boolean));
  const offered = (catalog.data?.items ?? []).filter((c) => !added.has(c.key));
  const addStandard = useAction();
  const addCustom = useAction();
  const [standardKey, setStandardKey] = useState('');
  const [draft, setDraft] = useState<NewSource>({ name: '' });
  const create = (action: typeof addCustom, body: NewSource, done: () => void) =>
    void action
      .run((api) => unwrap(api.POST('/v1/properties/{propertyId}/sources', { ...path, body })))
      .then((created) => {
        if (!created) return;
        done();
        sources.reload();
      });
  return (
    <Page title="Sources">
      <LoadedView loaded={sources}>
        {(page) => (
          <DataTable
            caption="Sources"
            rows={page.items}
            rowKey={(s) => s.id}
            empty="No source yet."
            columns={[
              {
                header: 'Name',
                cell: (s) => <Link to={propertyPath(propertyId, 'sources', `/${s.id}`)}>{s.name}</Link>,
              },
              { header: 'Standard', cell: (s) => s.standardKey ?? '—' },
              { header: 'Priority', cell: (s) => s.priority, numeric: true },
              { header: 'Last touch', cell: (s) => (s.lastTouch ? 'yes' : 'no') },
              {
                header: 'DNI rules',
                cell: (s) => dniRulesOf(s).map(describeRule).join('; ') || '—',
              },
            ]}
          />
        )}
      </LoadedView>
      {!readOnly && (
        <>
          <section aria-labelledby="add-standard">
            <h2 id="add-standard">Add a standard source</h2>
            <ProblemNotice problem={addStandard.problem} shown={['standardKey']} />
            <form
              className="form form-inline"
              onSubmit={(e) => {
                e.preventDefault();
                create(addStandard, { standardKey }, () => setStandardKey(''));
              }}
            >
              <Field
                label="Standard source"
                name="standardKey"
                problem={addStandard.problem}
                hint="Comes with its DNI rules and priority"
              >
                {(a) => (
                  <select
                    {...a}
                    value={standardKey}
                    onChange={(e) => setStandardKey(e.target.value)}
                    required
                  >
                    <option value="">Choose…</option>
                    {offered.map((c) => (
                      <option key={c.key} value={c.key}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="submit" disabled={addStandard.busy || !standardKey}>
                Add standard source
              </button>
            </form>
          </section>
          <section aria-labelledby="add-source">
            <h2 id="add-source">Add a custom source</h2>
            <ProblemNotice problem={addCustom.problem} shown={['name', 'priority']} />
            <form
              className="form form-inline"
              onSubmit={(e) => {
                e.preventDefault();
                create(addCustom, draft, () => setDraft({ name: '' }));
              }}
            >
              <Field label="Name" name="name" problem={addCustom.problem}>
                {(a) => (
                  <input
                    {...a}
                    value={draft.name}
                    onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                  />
                )}
              </Field>
              <Field
                label="Priority"
                name="priority"
                problem={addCustom.problem}
                hint="0–1000; lower claims first"
              >
                {(a) => (
                  <input
                    {...a}
                    type="number"
                    value={draft.priority ?? ''}
                    onChange={(e) =>
                      setDraft({
                        ...draft,
                        priority: e.target.value === '' ? undefined : Number(e.target.value),
                      })
                    }
                  />
                )}
              </Field>
              <button type="submit" disabled={addCustom.busy}>
                Add source
              </button>
            </form>
            <p className="muted">Add DNI rules on the source&apos;s page once it exists.</p>
          </section>
        </>
      )}
    </Page>
  );
}
