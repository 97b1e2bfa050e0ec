import { useState } from 'react';
import { unwrap } from '../../api/client';
import { useAction } from '../../use-api';
import { Field } from '../../ui/field';
import { ProblemNotice } from '../../ui/problem-notice';
import type { SourcesAndFlows } from './property-options';
import { RoutingFields, type NumberRouting } from './routing-fields';

/** Adds a number the carrier already routes here (bought or ported outside Switchboard): nothing is ordered. */
export function AddNumber({
  propertyId,
  options,
  added,
}: {
  propertyId: string;
  options: SourcesAndFlows;
  added: () => void;
}) {
  const save = useAction();
  const [number, setNumber] = useState('');
  const [routing, setRouting] = useState<NumberRouting>({
    sourceId: options.sources[0]?.id ?? '',
    callFlowId: '',
    forwardTo: '',
  });
  const [greetingText, setGreetingText] = useState('');
  return (
    <section aria-labelledby="add-number">
      <h2 id="add-number">Add a number you already have</h2>
      <ProblemNotice
        problem={save.problem}
        shown={['number', 'sourceId', 'callFlowId', 'forwardTo', 'greetingText']}
      />
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save
            .run((api) =>
              unwrap(
                api.POST('/v1/properties/{propertyId}/tracking-numbers', {
                  params: { path: { propertyId } },
                  body: {
                    number,
                    sourceId: routing.sourceId,
                    ...(routing.callFlowId ? { callFlowId: routing.callFlowId } : {}),
                    ...(routing.forwardTo ? { forwardTo: routing.forwardTo } : {}),
                    ...(greetingText ? { greetingText } : {}),
                  },
                }),
              ),
            )
            .then((created) => {
              if (!created) return;
              setNumber('');
              added();
            });
        }}
      >
        <fieldset disabled={save.busy}>
          <Field label="Phone number" name="number" problem={save.problem} hint="E.164, e.g. +13125550100">
            {(a) => <input {...a} value={number} onChange={(e) => setNumber(e.target.value)} required />}
          </Field>
          <RoutingFields value={routing} onChange={setRouting} options={options} problem={save.problem} />
          <Field label="Greeting text" name="greetingText" problem={save.problem}>
            {(a) => <input {...a} value={greetingText} onChange={(e) => setGreetingText(e.target.value)} />}
          </Field>
          <button type="submit">{save.busy ? 'Adding…' : 'Add number'}</button>
        </fieldset>
      </form>
    </section>
  );
}
