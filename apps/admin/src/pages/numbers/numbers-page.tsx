import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { loadSourcesAndFlows, nameOf, type SourcesAndFlows } from './property-options';
import { RoutingFields, type NumberRouting } from './routing-fields';
import { AddNumber } from './add-number';
import { OrderNumbers } from './order-numbers';

type TrackingNumber = Ok<'/v1/properties/{propertyId}/tracking-numbers/{numberId}', 'get'>;

/** The property's tracking numbers: which source each counts for, where its calls go; order and release. */
export function NumbersPage({ propertyId }: { propertyId: string }) {
  const { readOnly } = useSession();
  const numbers = useLoad(
    (api) =>
      unwrap(api.GET('/v1/properties/{propertyId}/tracking-numbers', { params: { path: { propertyId } } })),
    [propertyId],
  );
  const options = useLoad((api) => loadSourcesAndFlows(api, propertyId), [propertyId]);
  const [editing, setEditing] = useState<string>();
  const editingNumber = numbers.data?.items.find((n) => n.id === editing);
  const release = useAction();
  return (
    <Page title="Tracking numbers">
      <ProblemNotice problem={release.problem} />
      <LoadedView loaded={options}>
        {(opts) => (
          <>
            <LoadedView loaded={numbers}>
              {(page) => (
                <DataTable
                  caption="Tracking numbers"
                  rows={page.items}
                  rowKey={(n) => n.id}
                  empty="No tracking number yet: order one below."
                  columns={[
                    { header: 'Number', cell: (n) => n.number },
                    {
                      header: 'Source',
                      cell: (n) => (
                        <Link to={propertyPath(propertyId, 'sources', `/${n.sourceId}`)}>
                          {nameOf(opts.sources, n.sourceId)}
                        </Link>
                      ),
                    },
                    {
                      header: 'Calls go to',
                      cell: (n) =>
                        n.callFlowId ? (
                          <Link to={propertyPath(propertyId, 'flows', `/${n.callFlowId}`)}>
                            {nameOf(opts.flows, n.callFlowId)}
                          </Link>
                        ) : (
                          `forward to ${n.forwardTo}`
                        ),
                    },
                    {
                      header: 'Actions',
                      cell: (n) =>
                        !readOnly && (
                          <span className="row-actions">
                            <button
                              type="button"
                              className="link-button"
                              aria-expanded={editing === n.id}
                              onClick={() => setEditing(editing === n.id ? undefined : n.id)}
                            >
                              Edit {n.number}
                            </button>
                            <button
                              type="button"
                              className="link-button danger"
                              disabled={release.busy}
                              onClick={() => {
                                if (
                                  !window.confirm(
                                    `Release ${n.number} back to the carrier? Calls to it stop.`,
                                  )
                                )
                                  return;
                                void release
                                  .run((api) =>
                                    unwrap(
                                      api.DELETE('/v1/properties/{propertyId}/tracking-numbers/{numberId}', {
                                        params: { path: { propertyId, numberId: n.id } },
                                      }),
                                    ),
                                  )
                                  .then(() => numbers.reload());
                              }}
                            >
                              Release {n.number}
                            </button>
                          </span>
                        ),
                    },
                  ]}
                />
              )}
            </LoadedView>
            {editingNumber && (
              <EditNumber
                key={editingNumber.id}
                propertyId={propertyId}
                number={editingNumber}
                options={opts}
                done={() => {
                  setEditing(undefined);
                  numbers.reload();
                }}
              />
            )}
            {!readOnly && <OrderNumbers propertyId={propertyId} options={opts} ordered={numbers.reload} />}
            {!readOnly && <AddNumber propertyId={propertyId} options={opts} added={numbers.reload} />}
          </>
        )}
      </LoadedView>
    </Page>
  );
}

/** Reassigns a number's source or flow, and its forwarding and greeting. */
function EditNumber({
  propertyId,
  number,
  options,
  done,
}: {
  propertyId: string;
  number: TrackingNumber;
  options: SourcesAndFlows;
  done: () => void;
}) {
  const save = useAction();
  const [routing, setRouting] = useState<NumberRouting>({
    sourceId: number.sourceId,
    callFlowId: number.callFlowId ?? '',
    forwardTo: number.forwardTo,
  });
  const [greetingText, setGreetingText] = useState(number.greetingText ?? '');
  const [greetingAudioUrl, setGreetingAudioUrl] = useState(number.greetingAudioUrl ?? '');
  const fields = ['sourceId', 'callFlowId', 'forwardTo', 'greetingText', 'greetingAudioUrl'];
  return (
    <section aria-labelledby="edit-number">
      <h2 id="edit-number">Edit {number.number}</h2>
      <ProblemNotice problem={save.problem} shown={fields} />
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save
            .run((api) =>
              unwrap(
                api.PATCH('/v1/properties/{propertyId}/tracking-numbers/{numberId}', {
                  params: { path: { propertyId, numberId: number.id } },
                  body: {
                    sourceId: routing.sourceId,
                    callFlowId: routing.callFlowId || null,
                    ...(routing.forwardTo ? { forwardTo: routing.forwardTo } : {}),
                    greetingText: greetingText || null,
                    greetingAudioUrl: greetingAudioUrl || null,
                  },
                }),
              ),
            )
            .then((ok) => ok && done());
        }}
      >
        <fieldset disabled={save.busy}>
          <RoutingFields value={routing} onChange={setRouting} options={options} problem={save.problem} />
          <Field
            label="Greeting text"
            name="greetingText"
            problem={save.problem}
            hint="Read to callers before forwarding"
          >
            {(a) => <input {...a} value={greetingText} onChange={(e) => setGreetingText(e.target.value)} />}
          </Field>
          <Field label="Greeting audio URL" name="greetingAudioUrl" problem={save.problem}>
            {(a) => (
              <input {...a} value={greetingAudioUrl} onChange={(e) => setGreetingAudioUrl(e.target.value)} />
            )}
          </Field>
          <button type="submit">Save number</button>{' '}
          <button type="button" className="secondary" onClick={done}>
            Cancel
          </button>
        </fieldset>
      </form>
    </section>
  );
}
