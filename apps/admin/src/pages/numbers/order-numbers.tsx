import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { useAction } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { ProblemNotice } from '../../ui/problem-notice';
import type { SourcesAndFlows } from './property-options';
import { RoutingFields, type NumberRouting } from './routing-fields';

type Available = Ok<'/v1/properties/{propertyId}/available-numbers', 'get'>['items'][number];

/**
 * Searches the carrier's inventory (area code, digits or letters) and orders a number for a source:
 * the carrier buys it and the tracking number exists at once.
 */
export function OrderNumbers({
  propertyId,
  options,
  ordered,
}: {
  propertyId: string;
  options: SourcesAndFlows;
  ordered: () => void;
}) {
  const search = useAction();
  const order = useAction();
  const [areaCode, setAreaCode] = useState('');
  const [contains, setContains] = useState('');
  const [found, setFound] = useState<readonly Available[]>();
  const [routing, setRouting] = useState<NumberRouting>({
    sourceId: options.sources[0]?.id ?? '',
    callFlowId: '',
    forwardTo: '',
  });
  const [done, setDone] = useState('');
  return (
    <section aria-labelledby="order-numbers">
      <h2 id="order-numbers">Order a number</h2>
      <ProblemNotice problem={search.problem} shown={['areaCode', 'contains']} />
      <form
        className="form form-inline"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search
            .run((api) =>
              unwrap(
                api.GET('/v1/properties/{propertyId}/available-numbers', {
                  params: {
                    path: { propertyId },
                    query: {
                      ...(areaCode ? { areaCode } : {}),
                      ...(contains ? { contains } : {}),
                      limit: 20,
                    },
                  },
                }),
              ),
            )
            .then((r) => r && setFound(r.items));
        }}
      >
        <Field label="Area code" name="areaCode" problem={search.problem}>
          {(a) => (
            <input
              {...a}
              value={areaCode}
              inputMode="numeric"
              onChange={(e) => setAreaCode(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Contains"
          name="contains"
          problem={search.problem}
          hint="Digits, or letters as on a keypad"
        >
          {(a) => <input {...a} value={contains} onChange={(e) => setContains(e.target.value)} />}
        </Field>
        <button type="submit" disabled={search.busy}>
          Search numbers
        </button>
      </form>
      <h3>The new number</h3>
      <ProblemNotice problem={order.problem} shown={['sourceId', 'callFlowId', 'forwardTo', 'number']} />
      <div className="form">
        <RoutingFields value={routing} onChange={setRouting} options={options} problem={order.problem} />
        {order.problem?.forField('number') && (
          <p className="field-error" role="alert">
            {order.problem.forField('number')}
          </p>
        )}
      </div>
      <p role="status">{search.busy ? 'Searching…' : order.busy ? 'Ordering…' : done}</p>
      {found && (
        <DataTable
          caption="Available numbers"
          rows={found}
          rowKey={(n) => n.number}
          empty="No number matches: try another area code or fewer digits."
          columns={[
            { header: 'Number', cell: (n) => n.number },
            { header: 'Where', cell: (n) => [n.locality, n.region].filter(Boolean).join(', ') || '—' },
            {
              header: 'Monthly',
              cell: (n) => (n.monthlyCost ? `${n.monthlyCost} ${n.currency ?? ''}` : '—'),
            },
            {
              header: 'Order',
              cell: (n) => (
                <button
                  type="button"
                  disabled={order.busy}
                  onClick={() =>
                    void order
                      .run((api) =>
                        unwrap(
                          api.POST('/v1/properties/{propertyId}/tracking-numbers/order', {
                            params: { path: { propertyId } },
                            body: {
                              number: n.number,
                              sourceId: routing.sourceId,
                              ...(routing.callFlowId ? { callFlowId: routing.callFlowId } : {}),
                              ...(routing.forwardTo ? { forwardTo: routing.forwardTo } : {}),
                            },
                          }),
                        ),
                      )
                      .then((created) => {
                        if (!created) return;
                        setDone(`Ordered ${created.number}.`);
                        setFound((f) => f?.filter((x) => x.number !== n.number));
                        ordered();
                      })
                  }
                >
                  Order {n.number}
                </button>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
