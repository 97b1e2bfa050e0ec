import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Body } from '../../api/types';
import { useSession } from '../../session';
import { useAction } from '../../use-api';
import { Field } from '../../ui/field';
import { shownFields } from '../../ui/list-text';
import { ProblemNotice } from '../../ui/problem-notice';
import { BundleChanges, type ApplyResult } from './bundle-changes';

type Kind = NonNullable<Body<'/v1/properties/{propertyId}/import', 'post'>['include']>[number];

/** What an import may copy; a Record so a new kind fails to compile until named here. */
const KIND_LABELS: Readonly<Record<Kind, string>> = {
  schedules: 'Schedules',
  audio: 'Audio',
  agents: 'Agents',
  ring_groups: 'Ring groups',
  voicemail_boxes: 'Voicemail boxes',
  flows: 'Call flows',
  default_routing: 'Default routing',
};
const KINDS = Object.keys(KIND_LABELS) as Kind[];

/** Copies another property's configuration into this one (sources, numbers and settings never). */
export function ImportFromProperty({ propertyId }: { propertyId: string }) {
  const { properties } = useSession();
  const others = properties.filter((p) => p.id !== propertyId);
  const run = useAction();
  const [from, setFrom] = useState(others[0]?.id ?? '');
  const [include, setInclude] = useState<Kind[]>(KINDS);
  const [result, setResult] = useState<ApplyResult>();
  if (others.length === 0) return null;
  const go = (dryRun: boolean) => {
    setResult(undefined);
    void run
      .run((api) =>
        unwrap(
          api.POST('/v1/properties/{propertyId}/import', {
            params: { path: { propertyId } },
            body: { fromPropertyId: from, include, dryRun },
          }),
        ),
      )
      .then((r) => r && setResult(r));
  };
  return (
    <section aria-labelledby="import">
      <h2 id="import">Copy from another property</h2>
      <ProblemNotice problem={run.problem} shown={shownFields(run.problem, ['fromPropertyId', 'include'])} />
      <div className="form">
        <Field label="From property" name="fromPropertyId" problem={run.problem}>
          {(a) => (
            <select {...a} value={from} onChange={(e) => setFrom(e.target.value)}>
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="checks">
          <legend>Copy</legend>
          {KINDS.map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={include.includes(k)}
                onChange={(e) =>
                  setInclude(e.target.checked ? [...include, k] : include.filter((x) => x !== k))
                }
              />{' '}
              {KIND_LABELS[k]}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button
            type="button"
            className="secondary"
            disabled={run.busy || include.length === 0}
            onClick={() => go(true)}
          >
            Preview copy
          </button>
          <button type="button" disabled={run.busy || include.length === 0} onClick={() => go(false)}>
            Copy
          </button>
        </div>
      </div>
      {result && <BundleChanges result={result} caption="Copy changes" />}
    </section>
  );
}
