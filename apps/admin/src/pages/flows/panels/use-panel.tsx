import { useState } from 'react';
import { unwrap } from '../../../api/client';
import { useSession } from '../../../session';
import { useAction, useLoad } from '../../../use-api';
import { DataTable } from '../../../ui/data-table';
import { Field } from '../../../ui/field';
import { LoadedView } from '../../../ui/page';
import { ProblemNotice } from '../../../ui/problem-notice';
import { DefaultRoutingEditor } from '../default-routing-editor';

/**
 * Where the flow is used: the tracking numbers whose calls run it (assign it to more, or take it
 * from one: the number then forwards again), and making it the property's default routing.
 */
export function UsePanel({ propertyId, flowId }: { propertyId: string; flowId: string }) {
  const { readOnly } = useSession();
  const path = { params: { path: { propertyId } } };
  const loaded = useLoad(
    async (api) => {
      const [numbers, flows] = await Promise.all([
        unwrap(api.GET('/v1/properties/{propertyId}/tracking-numbers', path)),
        unwrap(api.GET('/v1/properties/{propertyId}/call-flows', path)),
      ]);
      return { numbers: numbers.items, flows: flows.items };
    },
    [propertyId, flowId],
  );
  const change = useAction();
  /** The number the last change was about, so the api's refusal shows beside it. */
  const [about, setAbout] = useState<string>();
  const [pick, setPick] = useState('');

  const assign = (numberId: string, callFlowId: string | null) => {
    setAbout(numberId);
    void change
      .run((api) =>
        unwrap(
          api.PATCH('/v1/properties/{propertyId}/tracking-numbers/{numberId}', {
            params: { path: { propertyId, numberId } },
            body: { callFlowId },
          }),
        ),
      )
      .then((done) => {
        if (!done) return;
        setPick('');
        loaded.reload();
      });
  };
  const problemFor = (numberId: string) =>
    about === numberId && change.problem ? <ProblemNotice problem={change.problem} /> : null;

  return (
    <section className="flow-panel use" aria-labelledby="use-title">
      <h2 id="use-title">Use</h2>
      <LoadedView loaded={loaded}>
        {({ numbers, flows }) => {
          const mine = numbers.filter((n) => n.callFlowId === flowId);
          const others = numbers.filter((n) => n.callFlowId !== flowId);
          const flowName = (id: string | null) =>
            id === null ? 'forwarding' : (flows.find((f) => f.id === id)?.name ?? id);
          return (
            <>
              <h3>Tracking numbers that run this flow</h3>
              <DataTable
                caption="Tracking numbers that run this flow"
                rows={mine}
                rowKey={(n) => n.id}
                empty="No tracking number runs this flow yet."
                columns={[
                  { header: 'Number', cell: (n) => n.number },
                  {
                    header: 'Actions',
                    cell: (n) =>
                      !readOnly && (
                        <>
                          <button
                            type="button"
                            className="link-button"
                            aria-label={`Unassign ${n.number}`}
                            disabled={change.busy}
                            onClick={() => assign(n.id, null)}
                          >
                            Unassign (forward to {n.forwardTo})
                          </button>
                          {problemFor(n.id)}
                        </>
                      ),
                  },
                ]}
              />
              {!readOnly && others.length > 0 && (
                <form
                  className="form form-inline"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (pick) assign(pick, flowId);
                  }}
                >
                  <Field
                    label="Assign to a number"
                    name="callFlowId"
                    problem={about === pick ? change.problem : undefined}
                  >
                    {(a) => (
                      <select {...a} value={pick} onChange={(e) => setPick(e.target.value)}>
                        <option value="">Choose a number…</option>
                        {others.map((n) => (
                          <option key={n.id} value={n.id}>
                            {n.number} (now {flowName(n.callFlowId)})
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <button type="submit" disabled={change.busy || pick === ''}>
                    Assign
                  </button>
                </form>
              )}
              {about === pick && pick !== '' && (
                <ProblemNotice problem={change.problem} shown={['callFlowId']} />
              )}
              <h3>Default routing</h3>
              <DefaultRoutingEditor propertyId={propertyId} flowId={flowId} onChange={loaded.reload} />
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}
