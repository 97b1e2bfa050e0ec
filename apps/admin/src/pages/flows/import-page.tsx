import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { ApiProblem } from '../../api/problem';
import type { Body, Ok } from '../../api/types';
import { propertyPath } from '../../sections';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useAction } from '../../use-api';
import { Field } from '../../ui/field';
import { Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';

type ImportBody = Body<'/v1/properties/{propertyId}/import', 'post'>;
type ImportKind = NonNullable<ImportBody['include']>[number];
type ImportResult = Ok<'/v1/properties/{propertyId}/import', 'post'>;
type ChangeKind = keyof ImportResult['changes'];

/**
 * What an import may copy, as the console names it, where the api's answer reports it (the default
 * routing is one of the property's settings there), and how its problems name it (`flows[0]…`).
 */
const KINDS: readonly { kind: ImportKind; label: string; reported: ChangeKind; field: string }[] = [
  { kind: 'schedules', label: 'Schedules', reported: 'schedules', field: 'schedules' },
  { kind: 'audio', label: 'Audio', reported: 'audio', field: 'audio' },
  { kind: 'agents', label: 'Agents', reported: 'agents', field: 'agents' },
  { kind: 'ring_groups', label: 'Ring groups', reported: 'ring_groups', field: 'ring_groups' },
  {
    kind: 'voicemail_boxes',
    label: 'Voicemail boxes',
    reported: 'voicemail_boxes',
    field: 'voicemail_boxes',
  },
  { kind: 'flows', label: 'Call flows', reported: 'flows', field: 'flows' },
  { kind: 'default_routing', label: 'Default routing', reported: 'settings', field: 'default_flow' },
];

/**
 * "Import from another property": copies another property's resources and flows (sources, numbers
 * and settings stay) after the api's dry run has said what would be created and updated.
 */
export function ImportPage({ propertyId }: { propertyId: string }) {
  const { readOnly, properties } = useSession();
  const others = properties.filter((p) => p.id !== propertyId);
  const [from, setFrom] = useState('');
  const [include, setInclude] = useState<ImportKind[]>(KINDS.map((k) => k.kind));
  const [preview, setPreview] = useState<ImportResult>();
  const [done, setDone] = useState<ImportResult>();
  const action = useAction();
  const source = from || others[0]?.id || '';

  const send = (dryRun: boolean) =>
    action.run((api) =>
      unwrap(
        api.POST('/v1/properties/{propertyId}/import', {
          params: { path: { propertyId } },
          body: { fromPropertyId: source, include, dryRun },
        }),
      ),
    );
  const reset = () => {
    setPreview(undefined);
    setDone(undefined);
    action.clear();
  };

  return (
    <Page
      title="Import from another property"
      actions={
        <>
          <Link to={propertyPath(propertyId, 'flows')}>Call flows</Link>{' '}
          <Link to={propertyPath(propertyId, 'default-routing')}>Default routing</Link>
        </>
      }
    >
      <p className="hint">
        Copies schedules, audio, agents, ring groups, voicemail boxes, call flows (matched by name) and the
        default routing. Sources, tracking numbers and settings are never copied; nothing is removed.
      </p>
      {others.length === 0 ? (
        <p className="muted">Your key reaches no other property.</p>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            setDone(undefined);
            void send(true).then((p) => setPreview(p));
          }}
        >
          <Field label="From property" name="fromPropertyId" problem={action.problem}>
            {(a) => (
              <select
                {...a}
                value={source}
                onChange={(e) => {
                  setFrom(e.target.value);
                  reset();
                }}
              >
                {others.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset>
            <legend>What to copy</legend>
            {KINDS.map((k) => (
              <label key={k.kind} className="check">
                <input
                  type="checkbox"
                  checked={include.includes(k.kind)}
                  onChange={(e) => {
                    setInclude(e.target.checked ? [...include, k.kind] : include.filter((x) => x !== k.kind));
                    reset();
                  }}
                />{' '}
                {k.label}
              </label>
            ))}
          </fieldset>
          {!readOnly && (
            <div className="form-actions">
              <button type="submit" disabled={action.busy || include.length === 0}>
                Preview
              </button>
            </div>
          )}
          {readOnly && (
            <p className="muted">
              A read-only key cannot import (nor preview: the api takes it as a change).
            </p>
          )}
        </form>
      )}
      <ProblemNotice problem={action.problem} shown={['fromPropertyId', ...kindFields(action.problem)]} />
      <div aria-live="polite">
        {(done ?? preview ?? kindFields(action.problem).length > 0) && (
          <ImportChanges
            result={done ?? preview}
            problem={action.problem}
            include={include}
            title={done ? 'Imported' : 'Would import'}
          />
        )}
        {preview && !done && !readOnly && (
          <button
            type="button"
            disabled={action.busy || !preview.changed}
            onClick={() =>
              void send(false).then((r) => {
                if (!r) return;
                setDone(r);
                setPreview(undefined);
              })
            }
          >
            {preview.changed ? 'Import' : 'Nothing to import'}
          </button>
        )}
        {done && (
          <p className="notice notice-ok" role="status">
            Imported from {others.find((p) => p.id === done.fromPropertyId)?.name ?? done.fromPropertyId}.
          </p>
        )}
      </div>
    </Page>
  );
}

/** The api's problems that name an imported item (`flows[0].definition…`), shown beside its kind. */
function kindFields(problem: ApiProblem | undefined): string[] {
  return KINDS.flatMap((k) => (problem ? problem.under(k.field).map((f) => f.field) : []));
}

/** Each chosen kind with what the import creates, updates and leaves, and the api's problems with it. */
function ImportChanges({
  result,
  problem,
  include,
  title,
}: {
  result: ImportResult | undefined;
  problem: ApiProblem | undefined;
  include: readonly ImportKind[];
  title: string;
}) {
  const rows = KINDS.filter((k) => include.includes(k.kind));
  const anyProblem = rows.some((k) => (problem?.under(k.field).length ?? 0) > 0);
  return (
    <table className="data-table import-changes">
      <caption>{result ? title : 'Not imported'}</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          {result && (
            <>
              <th scope="col">New</th>
              <th scope="col">Updated</th>
              <th scope="col">Unchanged</th>
            </>
          )}
          {anyProblem && <th scope="col">Problems</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((k) => {
          const c = result?.changes[k.reported];
          const problems = problem?.under(k.field) ?? [];
          return (
            <tr key={k.kind} data-kind={k.kind}>
              <th scope="row">{k.label}</th>
              {c && (
                <>
                  <td>{list(c.created)}</td>
                  <td>{list(c.updated)}</td>
                  <td>{list(c.unchanged)}</td>
                </>
              )}
              {anyProblem && (
                <td className={problems.length > 0 ? 'field-error' : undefined}>
                  {problems.map((p) => (
                    <div key={p.field + p.message}>
                      <code>{p.field}</code>: {p.message}
                    </div>
                  ))}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const list = (items: readonly string[]) => (items.length === 0 ? '—' : items.join(', '));
