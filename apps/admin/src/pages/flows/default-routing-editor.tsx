import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { LoadedView } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';

type Preview = Ok<'/v1/properties/{propertyId}/default-routing/apply', 'post'>;

/**
 * The property's default routing: which flow it is, changing it (after saying what changes), then
 * giving it to the property's tracking numbers, with the api's dry run listing the numbers that
 * would change before anything does (the api's dry run judges the stored default, so the default is
 * set first and given to numbers second). `flowId`: the flow to make the default (the flow editor's
 * "Set as default routing"); absent, a list of the property's flows to choose from.
 */
export function DefaultRoutingEditor({
  propertyId,
  flowId,
  onChange,
}: {
  propertyId: string;
  flowId?: string;
  /** After numbers were given the default flow (the screen around reloads what it shows of them). */
  onChange?: () => void;
}) {
  const { readOnly } = useSession();
  const path = { params: { path: { propertyId } } };
  const loaded = useLoad(
    async (api) => {
      const [routing, flows, numbers] = await Promise.all([
        unwrap(api.GET('/v1/properties/{propertyId}/default-routing', path)),
        unwrap(api.GET('/v1/properties/{propertyId}/call-flows', path)),
        unwrap(api.GET('/v1/properties/{propertyId}/tracking-numbers', path)),
      ]);
      return { routing, flows: flows.items, numbers: numbers.items };
    },
    [propertyId],
  );
  const [chosen, setChosen] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [onlyUnassigned, setOnlyUnassigned] = useState(false);
  const [preview, setPreview] = useState<Preview>();
  const [applied, setApplied] = useState<Preview>();
  const set = useAction();
  const apply = useAction();

  return (
    <LoadedView loaded={loaded}>
      {({ routing, flows, numbers }) => {
        const flowName = (id: string | null) =>
          id === null ? 'forwarding (no flow)' : (flows.find((f) => f.id === id)?.name ?? id);
        const target = flowId ?? chosen ?? routing.callFlowId ?? flows[0]?.id ?? '';
        const isDefault = routing.callFlowId !== null && routing.callFlowId === target;
        return (
          <div className="default-routing">
            <p>
              Default routing: <strong>{routing.callFlowName ?? 'none'}</strong>
            </p>
            {!readOnly && !flowId && (
              <Field label="Flow" name="callFlowId" problem={set.problem}>
                {(a) => (
                  <select
                    {...a}
                    value={target}
                    onChange={(e) => {
                      setChosen(e.target.value);
                      setConfirming(false);
                    }}
                  >
                    {flows.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            {!readOnly && !isDefault && target !== '' && !confirming && (
              <button type="button" onClick={() => setConfirming(true)}>
                Set as default routing…
              </button>
            )}
            {!readOnly && confirming && !isDefault && (
              <div className="confirm" role="group" aria-label="Confirm the default routing">
                <p>
                  The default routing changes from <strong>{routing.callFlowName ?? 'none'}</strong> to{' '}
                  <strong>{flowName(target)}</strong>. No tracking number changes until you give it to them
                  below.
                </p>
                <ProblemNotice problem={set.problem} shown={flowId ? [] : ['callFlowId']} />
                <button
                  type="button"
                  disabled={set.busy}
                  onClick={() =>
                    void set
                      .run((api) =>
                        unwrap(
                          api.PUT('/v1/properties/{propertyId}/default-routing', {
                            ...path,
                            body: { callFlowId: target },
                          }),
                        ),
                      )
                      .then((done) => {
                        if (!done) return;
                        setConfirming(false);
                        setPreview(undefined);
                        loaded.reload();
                      })
                  }
                >
                  Confirm default routing
                </button>{' '}
                <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            )}
            {routing.callFlowId !== null && (
              <section aria-labelledby="give-default">
                <h3 id="give-default">Give the default flow to tracking numbers</h3>
                {!readOnly && (
                  <>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={onlyUnassigned}
                        onChange={(e) => {
                          setOnlyUnassigned(e.target.checked);
                          setPreview(undefined);
                        }}
                      />{' '}
                      Only numbers without a flow
                    </label>{' '}
                    <button
                      type="button"
                      className="secondary"
                      disabled={apply.busy}
                      onClick={() =>
                        void apply
                          .run((api) =>
                            unwrap(
                              api.POST('/v1/properties/{propertyId}/default-routing/apply', {
                                ...path,
                                body: { dryRun: true, onlyUnassigned },
                              }),
                            ),
                          )
                          .then((p) => {
                            setApplied(undefined);
                            setPreview(p);
                          })
                      }
                    >
                      Preview
                    </button>
                  </>
                )}
                <ProblemNotice problem={apply.problem} />
                <div aria-live="polite">
                  {preview && (
                    <>
                      <DataTable
                        caption="Numbers that would get the default flow"
                        rows={preview.changes}
                        rowKey={(c) => c.numberId}
                        empty="Every number already runs the default flow: nothing would change."
                        columns={[
                          { header: 'Number', cell: (c) => c.number },
                          { header: 'Now', cell: (c) => flowName(c.previousCallFlowId) },
                          { header: 'Would run', cell: () => flowName(preview.callFlowId) },
                        ]}
                      />
                      {preview.changes.length > 0 && (
                        <button
                          type="button"
                          disabled={apply.busy}
                          onClick={() =>
                            void apply
                              .run((api) =>
                                unwrap(
                                  api.POST('/v1/properties/{propertyId}/default-routing/apply', {
                                    ...path,
                                    body: { onlyUnassigned },
                                  }),
                                ),
                              )
                              .then((done) => {
                                if (!done) return;
                                setPreview(undefined);
                                setApplied(done);
                                loaded.reload();
                                onChange?.();
                              })
                          }
                        >
                          Apply to {preview.changes.length} number{preview.changes.length === 1 ? '' : 's'}
                        </button>
                      )}
                    </>
                  )}
                  {applied && (
                    <p className="notice notice-ok" role="status">
                      {applied.changes.length === 1
                        ? '1 number now runs'
                        : `${applied.changes.length} numbers now run`}{' '}
                      {flowName(applied.callFlowId)}.
                    </p>
                  )}
                </div>
                <DataTable
                  caption="Tracking numbers on the default flow"
                  rows={numbers.filter((n) => n.callFlowId === routing.callFlowId)}
                  rowKey={(n) => n.id}
                  empty="No number runs the default flow."
                  columns={[{ header: 'On the default flow', cell: (n) => n.number }]}
                />
              </section>
            )}
          </div>
        );
      }}
    </LoadedView>
  );
}
