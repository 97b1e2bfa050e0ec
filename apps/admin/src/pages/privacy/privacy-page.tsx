import { useEffect, useState } from 'react';
import { unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { dateTime } from '../../format';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { CATEGORIES, CATEGORY_LABELS, periodOf, periodText } from './categories';

type Policy = components['schemas']['RetentionPolicyView'];
type Run = components['schemas']['RetentionRunView'];

/**
 * The account's retention policy and its runs (docs/privacy.md): each category's period, a dry
 * run that counts what would go, and a real run now. Changing either needs a key limited in nothing.
 */
export function PrivacyPage() {
  const { account, readOnly } = useSession();
  const mayChange = !readOnly && account.key.propertyIds === null;
  const policy = useLoad((api) => unwrap(api.GET('/v1/privacy/retention')), []);
  return (
    <Page title="Privacy">
      <section aria-labelledby="retention">
        <h2 id="retention">Retention policy</h2>
        <p className="muted">
          How long each kind of personal data is kept, in days; empty keeps it until erased. Past its period,
          the data is removed and the records stay, so reports do not change. A property may override these in
          its settings.
        </p>
        <LoadedView loaded={policy}>
          {(p) => (
            <PolicyForm key={JSON.stringify(p)} initial={p} mayChange={mayChange} onSaved={policy.reload} />
          )}
        </LoadedView>
      </section>
      <Runs mayChange={mayChange} />
    </Page>
  );
}

function PolicyForm({
  initial,
  mayChange,
  onSaved,
}: {
  initial: Policy;
  mayChange: boolean;
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState(
    () =>
      Object.fromEntries(CATEGORIES.map((c) => [c, periodText(initial[c])])) as Record<keyof Policy, string>,
  );
  const [saved, setSaved] = useState(false);
  const save = useAction();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const body = Object.fromEntries(CATEGORIES.map((c) => [c, periodOf(draft[c])]));
        void save
          .run((api) => unwrap(api.PUT('/v1/privacy/retention', { body })))
          .then((r) => {
            if (r) {
              setSaved(true);
              onSaved();
            }
          });
      }}
    >
      <ProblemNotice problem={save.problem} shown={[...CATEGORIES]} />
      {CATEGORIES.map((c) => (
        <Field key={c} label={`${CATEGORY_LABELS[c]} (days)`} name={c} problem={save.problem}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={draft[c]}
              disabled={!mayChange}
              placeholder="kept until erased"
              onChange={(e) => setDraft({ ...draft, [c]: e.target.value })}
            />
          )}
        </Field>
      ))}
      {mayChange ? (
        <button type="submit" disabled={save.busy}>
          Save retention policy
        </button>
      ) : (
        <p className="muted">
          Changing the policy needs a key that is neither read-only nor property-limited.
        </p>
      )}
      <div aria-live="polite">{saved && !save.problem && <p className="notice notice-ok">Saved.</p>}</div>
    </form>
  );
}

function Runs({ mayChange }: { mayChange: boolean }) {
  const { properties } = useSession();
  const runs = useLoad((api) => unwrap(api.GET('/v1/privacy/retention/runs')), []);
  const start = useAction();
  const running = runs.data?.items.some((r) => r.status === 'running') ?? false;
  // A run takes seconds to minutes: its counts are read again until it ends.
  useEffect(() => {
    if (!running) return;
    const t = setInterval(runs.reload, 1500);
    return () => clearInterval(t);
  }, [running, runs.reload]);
  const startRun = (dryRun: boolean) =>
    void start.run(async (api) => {
      await unwrap(api.POST('/v1/privacy/retention/runs', { body: { dryRun } }));
      runs.reload();
    });
  const nameOf = (id: string) => properties.find((p) => p.id === id)?.name ?? id;
  return (
    <section aria-labelledby="runs">
      <h2 id="runs">Runs</h2>
      <p className="muted">
        A run removes what is past its period on every property of the account; it also runs daily on its own.
        A dry run only counts what a run would remove.
      </p>
      {mayChange && (
        <div className="page-actions">
          <button type="button" disabled={start.busy} onClick={() => startRun(true)}>
            Dry run
          </button>
          <button type="button" className="danger" disabled={start.busy} onClick={() => startRun(false)}>
            Run now
          </button>
        </div>
      )}
      <ProblemNotice problem={start.problem} />
      <LoadedView loaded={runs}>
        {(list) => (
          <>
            <DataTable<Run>
              caption="Retention runs"
              rows={list.items}
              rowKey={(r) => r.id}
              empty="No runs yet."
              columns={[
                { header: 'Started', cell: (r) => dateTime(r.startedAt) },
                { header: 'Kind', cell: (r) => (r.dryRun ? 'Dry run' : 'Run') },
                { header: 'Status', cell: (r) => (r.error ? `${r.status}: ${r.error}` : r.status) },
                ...CATEGORIES.map((c) => ({
                  header: CATEGORY_LABELS[c],
                  numeric: true,
                  cell: (r: Run) => r.totals[c] ?? '–',
                })),
              ]}
            />
            {list.items[0] && Object.keys(list.items[0].counts).length > 0 && (
              <details>
                <summary>Latest run by property</summary>
                <ul>
                  {Object.entries(list.items[0].counts).map(([propertyId, counts]) => (
                    <li key={propertyId}>
                      {nameOf(propertyId)}:{' '}
                      {CATEGORIES.filter(
                        (c) => (counts as Record<string, number | undefined>)[c] !== undefined,
                      )
                        .map((c) => `${CATEGORY_LABELS[c]} ${(counts as Record<string, number>)[c]}`)
                        .join(', ')}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </LoadedView>
    </section>
  );
}
