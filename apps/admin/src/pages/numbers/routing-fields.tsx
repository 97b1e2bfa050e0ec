import type { ApiProblem } from '../../api/problem';
import { Field } from '../../ui/field';
import type { SourcesAndFlows } from './property-options';

/** Where a tracking number's calls go and which source they count for: the fields order and edit share. */
export interface NumberRouting {
  sourceId: string;
  /** '' = no flow: calls are forwarded to `forwardTo`. */
  callFlowId: string;
  forwardTo: string;
}

export function RoutingFields({
  value,
  onChange,
  options,
  problem,
}: {
  value: NumberRouting;
  onChange: (v: NumberRouting) => void;
  options: SourcesAndFlows;
  problem: ApiProblem | undefined;
}) {
  return (
    <>
      <Field label="Source" name="sourceId" problem={problem}>
        {(a) => (
          <select
            {...a}
            value={value.sourceId}
            onChange={(e) => onChange({ ...value, sourceId: e.target.value })}
            required
          >
            <option value="">Choose…</option>
            {options.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Call flow" name="callFlowId" problem={problem} hint="None: calls are forwarded">
        {(a) => (
          <select
            {...a}
            value={value.callFlowId}
            onChange={(e) => onChange({ ...value, callFlowId: e.target.value })}
          >
            <option value="">None (forward)</option>
            {options.flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Forward to"
        name="forwardTo"
        problem={problem}
        hint="E.164 or sip: URI; needed without a flow"
      >
        {(a) => (
          <input
            {...a}
            value={value.forwardTo}
            onChange={(e) => onChange({ ...value, forwardTo: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
