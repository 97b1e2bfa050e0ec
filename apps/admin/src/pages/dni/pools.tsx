import { useState } from 'react';
import { unwrap, type Api } from '../../api/client';
import type { ApiProblem } from '../../api/problem';
import type { Body, Ok } from '../../api/types';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { Field } from '../../ui/field';
import { shownFields } from '../../ui/list-text';
import { LoadedView } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';

type Pool = Ok<'/v1/properties/{propertyId}/pools/{poolId}', 'get'>;
type NewPool = Body<'/v1/properties/{propertyId}/pools', 'post'>;
type Policy = NewPool['exhaustionPolicy'];

const POLICY_LABELS: Readonly<Record<Policy, string>> = {
  overflow: 'Show an overflow number outside the pool',
  main_number: "Show the page's own number",
  reuse_lru: 'Reuse the number held longest',
};
const POLICIES = Object.keys(POLICY_LABELS) as Policy[];
const FIELDS = ['sourceId', 'name', 'trackingNumberIds', 'exhaustionPolicy', 'overflowTrackingNumberId'];

async function loadPools(api: Api, propertyId: string) {
  const path = { params: { path: { propertyId } } };
  const [pools, numbers, sources] = await Promise.all([
    unwrap(api.GET('/v1/properties/{propertyId}/pools', path)),
    unwrap(api.GET('/v1/properties/{propertyId}/tracking-numbers', path)),
    unwrap(api.GET('/v1/properties/{propertyId}/sources', path)),
  ]);
  return { pools: pools.items, numbers: numbers.items, sources: sources.items };
}
type Loaded = Awaited<ReturnType<typeof loadPools>>;

/**
 * Keyword pools: a source's numbers handed out one per website visitor, so each call is tied to
 * the visit (and its keyword). Each pool shows how many numbers are held now.
 */
export function Pools({ propertyId }: { propertyId: string }) {
  const { readOnly } = useSession();
  const loaded = useLoad((api) => loadPools(api, propertyId), [propertyId]);
  const [editing, setEditing] = useState<string>();
  return (
    <section aria-labelledby="pools">
      <h2 id="pools">Number pools</h2>
      <LoadedView loaded={loaded}>
        {(data) => (
          <>
            {data.pools.length === 0 && (
              <p className="muted">No pool: each source shows one number to every visitor.</p>
            )}
            <ul className="pools">
              {data.pools.map((pool) => (
                <li key={pool.id}>
                  <PoolCard
                    propertyId={propertyId}
                    pool={pool}
                    data={data}
                    edit={() => setEditing(pool.id)}
                    removed={loaded.reload}
                  />
                  {editing === pool.id && (
                    <PoolForm
                      propertyId={propertyId}
                      data={data}
                      pool={pool}
                      done={() => {
                        setEditing(undefined);
                        loaded.reload();
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
            {!readOnly && (
              <PoolForm key={data.pools.length} propertyId={propertyId} data={data} done={loaded.reload} />
            )}
          </>
        )}
      </LoadedView>
    </section>
  );
}

function PoolCard({
  propertyId,
  pool,
  data,
  edit,
  removed,
}: {
  propertyId: string;
  pool: Pool;
  data: Loaded;
  edit: () => void;
  removed: () => void;
}) {
  const { readOnly } = useSession();
  const path = { params: { path: { propertyId, poolId: pool.id } } };
  const use = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/pools/{poolId}/utilization', path)),
    [pool.id],
  );
  const remove = useAction();
  const source = data.sources.find((s) => s.id === pool.sourceId)?.name ?? '—';
  const overflow = data.numbers.find((n) => n.id === pool.overflowTrackingNumberId)?.number;
  return (
    <article className="pool" aria-label={`Pool ${pool.name}`}>
      <h3>{pool.name}</h3>
      <p>
        Source {source} · {pool.trackingNumberIds.length} numbers · when all are held:{' '}
        {POLICY_LABELS[pool.exhaustionPolicy]}
        {overflow ? ` (${overflow})` : ''}
      </p>
      <LoadedView loaded={use}>
        {(u) => (
          <p>
            <meter min={0} max={1} value={u.utilization} aria-label={`Pool ${pool.name} utilization`} />{' '}
            {u.held} held, {u.free} free of {u.total} · visitors found it full {u.exhaustedAssignments}{' '}
            time(s){' '}
            <button type="button" className="link-button" onClick={use.reload}>
              Refresh
            </button>
          </p>
        )}
      </LoadedView>
      <ProblemNotice problem={remove.problem} />
      {!readOnly && (
        <span className="row-actions">
          <button type="button" className="link-button" onClick={edit}>
            Edit pool {pool.name}
          </button>
          <button
            type="button"
            className="link-button danger"
            onClick={() => {
              if (!window.confirm(`Delete the pool ${pool.name}? Its numbers stay with the source.`)) return;
              void remove
                .run((api) => unwrap(api.DELETE('/v1/properties/{propertyId}/pools/{poolId}', path)))
                .then(() => removed());
            }}
          >
            Delete pool {pool.name}
          </button>
        </span>
      )}
    </article>
  );
}

/** Creates a pool (`pool` absent) or changes one: its name, numbers, and what happens when all are held. */
function PoolForm({
  propertyId,
  data,
  pool,
  done,
}: {
  propertyId: string;
  data: Loaded;
  pool?: Pool;
  done: () => void;
}) {
  const save = useAction();
  const [sourceId, setSourceId] = useState(pool?.sourceId ?? data.sources[0]?.id ?? '');
  const [name, setName] = useState(pool?.name ?? '');
  const [ids, setIds] = useState<string[]>(pool?.trackingNumberIds ?? []);
  const [policy, setPolicy] = useState<Policy>(pool?.exhaustionPolicy ?? 'reuse_lru');
  const [overflow, setOverflow] = useState(pool?.overflowTrackingNumberId ?? '');
  const inOtherPools = new Set(
    data.pools.filter((p) => p.id !== pool?.id).flatMap((p) => p.trackingNumberIds),
  );
  const candidates = data.numbers.filter((n) => n.sourceId === sourceId && !inOtherPools.has(n.id));
  const p: ApiProblem | undefined = save.problem;
  const idsProblem = p
    ?.under('trackingNumberIds')
    .map((f) => f.message)
    .join(' ');
  const title = pool ? `Edit pool ${pool.name}` : 'Add a pool';
  return (
    <form
      className="form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        const fields = {
          ...(name ? { name } : {}),
          trackingNumberIds: ids,
          exhaustionPolicy: policy,
          overflowTrackingNumberId: policy === 'overflow' && overflow ? overflow : null,
        };
        void save
          .run((api) =>
            pool
              ? unwrap(
                  api.PATCH('/v1/properties/{propertyId}/pools/{poolId}', {
                    params: { path: { propertyId, poolId: pool.id } },
                    body: fields,
                  }),
                )
              : unwrap(
                  api.POST('/v1/properties/{propertyId}/pools', {
                    params: { path: { propertyId } },
                    body: { ...fields, sourceId },
                  }),
                ),
          )
          .then((ok) => ok && done());
      }}
    >
      <h3>{title}</h3>
      <ProblemNotice problem={p} shown={shownFields(p, FIELDS)} />
      <fieldset disabled={save.busy}>
        {!pool && (
          <Field label="Pool source" name="sourceId" problem={p}>
            {(a) => (
              <select
                {...a}
                value={sourceId}
                onChange={(e) => {
                  setSourceId(e.target.value);
                  setIds([]);
                }}
              >
                {data.sources.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Pool name" name="name" problem={p}>
          {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset className="checks">
          <legend>Pool numbers (4–50 of the source&apos;s)</legend>
          {candidates.length === 0 && <p className="muted">The source has no number outside other pools.</p>}
          {candidates.map((n) => (
            <label key={n.id}>
              <input
                type="checkbox"
                checked={ids.includes(n.id)}
                onChange={(e) => setIds(e.target.checked ? [...ids, n.id] : ids.filter((x) => x !== n.id))}
              />{' '}
              {n.number}
            </label>
          ))}
          {idsProblem && (
            <p className="field-error" role="alert">
              {idsProblem}
            </p>
          )}
        </fieldset>
        <Field label="When every number is held" name="exhaustionPolicy" problem={p}>
          {(a) => (
            <select {...a} value={policy} onChange={(e) => setPolicy(e.target.value as Policy)}>
              {POLICIES.map((x) => (
                <option key={x} value={x}>
                  {POLICY_LABELS[x]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {policy === 'overflow' && (
          <Field label="Overflow number" name="overflowTrackingNumberId" problem={p}>
            {(a) => (
              <select {...a} value={overflow} onChange={(e) => setOverflow(e.target.value)}>
                <option value="">Choose…</option>
                {data.numbers
                  .filter((n) => !ids.includes(n.id))
                  .map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.number}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        )}
        <button type="submit">{save.busy ? 'Saving…' : pool ? 'Save pool' : 'Add pool'}</button>
        {pool && (
          <button type="button" className="secondary" onClick={done}>
            Cancel
          </button>
        )}
      </fieldset>
    </form>
  );
}
