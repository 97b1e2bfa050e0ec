import { useState } from 'react';
import { diffFlows, type CallFlow, type FieldChange, type FlowDiff } from '@switchboard/domain';
import { unwrap } from '../../../api/client';
import { useSession } from '../../../session';
import { useAction, useLoad } from '../../../use-api';
import { DataTable } from '../../../ui/data-table';
import { Field } from '../../../ui/field';
import { LoadedView } from '../../../ui/page';
import { ProblemNotice } from '../../../ui/problem-notice';

/** What a comparison side is: a stored version by number, or the editor's current (unsaved) flow. */
const CURRENT = 'current';

/**
 * The flow's saved versions: when each was saved, any two (or one and the editor's flow) compared
 * step by step, and "Restore", which puts a version in the editor for the admin to save as a new
 * version (versions are never rewritten). The list is read when the panel mounts: the editor keys
 * it by the saved version (`key={saved.version}`) so a save lists the new one.
 */
export function VersionsPanel({
  propertyId,
  flowId,
  current,
  onRestore,
}: {
  propertyId: string;
  flowId: string;
  current: CallFlow;
  onRestore: (definition: CallFlow) => void;
}) {
  const { readOnly } = useSession();
  const versions = useLoad(
    (api) =>
      unwrap(
        api.GET('/v1/properties/{propertyId}/call-flows/{flowId}/versions', {
          params: { path: { propertyId, flowId } },
        }),
      ),
    [propertyId, flowId],
  );
  const [left, setLeft] = useState('');
  const [right, setRight] = useState(CURRENT);
  const compare = useAction();
  const restore = useAction();
  const [diff, setDiff] = useState<{ from: string; to: string; diff: FlowDiff }>();
  const [restored, setRestored] = useState<number>();

  const definitionOf = async (side: string): Promise<CallFlow> => {
    if (side === CURRENT) return current;
    const api = await compare.run((a) =>
      unwrap(
        a.GET('/v1/properties/{propertyId}/call-flows/{flowId}', {
          params: { path: { propertyId, flowId }, query: { version: Number(side) } },
        }),
      ),
    );
    if (api === undefined) throw new Error('not loaded');
    return api.definition;
  };

  const name = (side: string) => (side === CURRENT ? 'the editor' : `version ${side}`);

  return (
    <section className="flow-panel versions" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <p className="hint">Every save is a version; the api does not record who saved one.</p>
      <LoadedView loaded={versions}>
        {(page) => {
          const items = [...page.items].reverse();
          const from = left || String(items[1]?.version ?? items[0]?.version ?? '');
          return (
            <>
              <DataTable
                caption="Saved versions, newest first"
                rows={items}
                rowKey={(v) => String(v.version)}
                columns={[
                  { header: 'Version', cell: (v) => v.version, numeric: true },
                  { header: 'Saved', cell: (v) => new Date(v.createdAt).toLocaleString() },
                  {
                    header: 'Actions',
                    cell: (v) =>
                      !readOnly && (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Restore version ${v.version}`}
                          disabled={restore.busy}
                          onClick={() =>
                            void restore
                              .run((api) =>
                                unwrap(
                                  api.GET('/v1/properties/{propertyId}/call-flows/{flowId}', {
                                    params: { path: { propertyId, flowId }, query: { version: v.version } },
                                  }),
                                ),
                              )
                              .then((got) => {
                                if (!got) return;
                                onRestore(got.definition);
                                setRestored(v.version);
                              })
                          }
                        >
                          Restore
                        </button>
                      ),
                  },
                ]}
              />
              <ProblemNotice problem={restore.problem} />
              {restored !== undefined && (
                <p className="notice notice-ok" role="status">
                  Version {restored} is in the editor. Save to make it the newest version.
                </p>
              )}
              <form
                className="form form-inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  void Promise.all([definitionOf(from), definitionOf(right)]).then(
                    ([a, b]) => setDiff({ from, to: right, diff: diffFlows(a, b) }),
                    () => setDiff(undefined),
                  );
                }}
              >
                <Field label="Compare" name="from">
                  {(a) => (
                    <select {...a} value={from} onChange={(e) => setLeft(e.target.value)}>
                      {items.map((v) => (
                        <option key={v.version} value={String(v.version)}>
                          Version {v.version}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="with" name="to">
                  {(a) => (
                    <select {...a} value={right} onChange={(e) => setRight(e.target.value)}>
                      <option value={CURRENT}>The editor (current edit)</option>
                      {items.map((v) => (
                        <option key={v.version} value={String(v.version)}>
                          Version {v.version}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button type="submit" disabled={compare.busy || from === ''}>
                  Compare
                </button>
              </form>
              <ProblemNotice problem={compare.problem} />
              <div aria-live="polite">
                {diff && <DiffView title={`${name(diff.from)} → ${name(diff.to)}`} diff={diff.diff} />}
              </div>
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}

function DiffView({ title, diff }: { title: string; diff: FlowDiff }) {
  return (
    <div className="flow-diff">
      <h3>Changes from {title}</h3>
      {!diff.changed && <p className="muted">No differences.</p>}
      {diff.flow.length > 0 && (
        <div className="flow-diff-step">
          <h4>Flow settings</h4>
          <Fields fields={diff.flow} />
        </div>
      )}
      <ul className="flow-diff-steps">
        {diff.steps.map((s) => (
          <li key={s.stepId} className={`flow-diff-step diff-${s.change}`} data-step={s.stepId}>
            <h4>
              <span className="diff-tag">{s.change}</span> {s.stepId}
              {s.change !== 'changed' && <span className="muted"> ({s.step.type})</span>}
            </h4>
            {s.change === 'changed' && <Fields fields={s.fields} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Fields({ fields }: { fields: readonly FieldChange[] }) {
  return (
    <dl className="diff-fields">
      {fields.map((f) => (
        <div key={f.path}>
          <dt>{f.path}</dt>
          <dd>
            <del>{show(f.before)}</del> → <ins>{show(f.after)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** A setting's value in one line: text as it is, absence as "(none)", the rest as JSON. */
function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
