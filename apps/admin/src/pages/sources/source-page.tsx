import { useState } from 'react';
import { unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import type { Ok } from '../../api/types';
import { Link, navigate } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { CopyButton } from '../../ui/copy-button';
import { Field } from '../../ui/field';
import { shownFields } from '../../ui/list-text';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { dniRulesOf, toDraft, toRule, type DniRuleDraft } from './dni-rule-draft';
import { DniRulesEditor } from './dni-rules-editor';

type Source = Ok<'/v1/properties/{propertyId}/sources/{sourceId}', 'get'>;

/** One source: its name, priority, last-touch opt-in, DNI rules and tracking email address. */
export function SourcePage({ propertyId, sourceId }: { propertyId: string; sourceId: string }) {
  const path = { params: { path: { propertyId, sourceId } } };
  const loaded = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/sources/{sourceId}', path)),
    [propertyId, sourceId],
  );
  return (
    <Page title={loaded.data ? `Source: ${loaded.data.name}` : 'Source'}>
      <p>
        <Link to={propertyPath(propertyId, 'sources')}>All sources</Link>
      </p>
      <LoadedView loaded={loaded}>
        {(source) => (
          <>
            <SourceForm key={source.id} propertyId={propertyId} source={source} saved={loaded.reload} />
            <EmailAddress propertyId={propertyId} sourceId={sourceId} />
            <DeleteSource propertyId={propertyId} source={source} />
          </>
        )}
      </LoadedView>
    </Page>
  );
}

function SourceForm({
  propertyId,
  source,
  saved,
}: {
  propertyId: string;
  source: Source;
  saved: () => void;
}) {
  const { readOnly } = useSession();
  const save = useAction();
  const [name, setName] = useState(source.name);
  const [priority, setPriority] = useState(String(source.priority));
  const [lastTouch, setLastTouch] = useState(source.lastTouch);
  const [justSaved, setJustSaved] = useState(false);
  const [rules, setRules] = useState<DniRuleDraft[]>(() => dniRulesOf(source).map(toDraft));
  return (
    <section aria-labelledby="source-settings">
      <h2 id="source-settings">Settings</h2>
      <ProblemNotice
        problem={save.problem}
        shown={shownFields(save.problem, ['name', 'priority', 'lastTouch', 'dniRules'])}
      />
      <p role="status" className="muted">
        {save.busy ? 'Saving…' : justSaved ? 'Saved.' : ''}
      </p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save
            .run((api) =>
              unwrap(
                api.PATCH('/v1/properties/{propertyId}/sources/{sourceId}', {
                  params: { path: { propertyId, sourceId: source.id } },
                  body: {
                    name,
                    priority: priority === '' ? undefined : Number(priority),
                    lastTouch,
                    dniRules: rules.map(toRule),
                  },
                }),
              ),
            )
            .then((ok) => {
              setJustSaved(Boolean(ok));
              if (ok) saved();
            });
        }}
      >
        <fieldset disabled={readOnly || save.busy}>
          <Field label="Name" name="name" problem={save.problem}>
            {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} required />}
          </Field>
          <Field
            label="Priority"
            name="priority"
            problem={save.problem}
            hint="0–1000: when several sources' rules match a visit, the lowest claims it"
          >
            {(a) => (
              <input {...a} type="number" value={priority} onChange={(e) => setPriority(e.target.value)} />
            )}
          </Field>
          <Field
            label="Last touch"
            name="lastTouch"
            problem={save.problem}
            hint="Under a first-touch property, a returning visitor arriving through this source is attributed to it anyway"
          >
            {(a) => (
              <input
                {...a}
                type="checkbox"
                checked={lastTouch}
                onChange={(e) => setLastTouch(e.target.checked)}
              />
            )}
          </Field>
          {source.standardKey && <p className="muted">Standard source: {source.standardKey}</p>}
        </fieldset>
        <DniRulesEditor rules={rules} onChange={setRules} problem={save.problem} readOnly={readOnly} />
        {!readOnly && (
          <button type="submit" disabled={save.busy}>
            Save source
          </button>
        )}
      </form>
    </section>
  );
}

/** The address mail to this source is tracked by (forwarded per the property's email routing). */
function EmailAddress({ propertyId, sourceId }: { propertyId: string; sourceId: string }) {
  const { readOnly } = useSession();
  const path = { params: { path: { propertyId, sourceId } } };
  const address = useLoad(
    (api) =>
      unwrap(api.GET('/v1/properties/{propertyId}/sources/{sourceId}/email-address', path)).catch(
        (err: unknown) => {
          // No address issued yet is a 404: the screen offers to issue one.
          if (err instanceof ApiProblem && err.notFound) return null;
          throw err;
        },
      ),
    [propertyId, sourceId],
  );
  const issue = useAction();
  return (
    <section aria-labelledby="source-email">
      <h2 id="source-email">Tracking email address</h2>
      <ProblemNotice problem={issue.problem} />
      <LoadedView loaded={address}>
        {(a) =>
          a ? (
            <p>
              <code>{a.address}</code> <CopyButton text={a.address} />
            </p>
          ) : (
            <>
              <p className="muted">No address yet. Mail sent to one is attributed to this source.</p>
              {!readOnly && (
                <button
                  type="button"
                  disabled={issue.busy}
                  onClick={() =>
                    void issue
                      .run((api) =>
                        unwrap(
                          api.POST('/v1/properties/{propertyId}/sources/{sourceId}/email-address', path),
                        ),
                      )
                      .then((ok) => ok && address.reload())
                  }
                >
                  Issue an email address
                </button>
              )}
            </>
          )
        }
      </LoadedView>
    </section>
  );
}

function DeleteSource({ propertyId, source }: { propertyId: string; source: Source }) {
  const { readOnly } = useSession();
  const remove = useAction();
  if (readOnly) return null;
  return (
    <section aria-labelledby="delete-source">
      <h2 id="delete-source">Delete this source</h2>
      <ProblemNotice problem={remove.problem} />
      <button
        type="button"
        className="danger"
        disabled={remove.busy}
        onClick={() => {
          if (!window.confirm(`Delete the source ${source.name}?`)) return;
          void remove.run(async (api) => {
            await unwrap(
              api.DELETE('/v1/properties/{propertyId}/sources/{sourceId}', {
                params: { path: { propertyId, sourceId: source.id } },
              }),
            );
            navigate(propertyPath(propertyId, 'sources'));
          });
        }}
      >
        Delete source
      </button>
    </section>
  );
}
