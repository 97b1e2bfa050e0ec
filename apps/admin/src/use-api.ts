import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from './api/client';
import { ApiProblem, unreachable } from './api/problem';
import { useSession } from './session';

export interface Loaded<T> {
  data: T | undefined;
  problem: ApiProblem | undefined;
  loading: boolean;
  /** Loads again (after a change), keeping the current data on screen meanwhile. */
  reload: () => void;
}

const asProblem = (err: unknown): ApiProblem => (err instanceof ApiProblem ? err : unreachable(err));

/**
 * Loads what a screen shows, again whenever `deps` change; an answer that arrives after the
 * screen moved on (another property, another page of results) is dropped.
 */
export function useLoad<T>(load: (api: Api) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const { api } = useSession();
  const [state, setState] = useState<{ data?: T; problem?: ApiProblem; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current(api).then(
      (data) => current && setState({ data, loading: false }),
      (err: unknown) => current && setState({ problem: asProblem(err), loading: false }),
    );
    return () => {
      current = false;
    };
    // The caller's deps decide when to load again, as with useEffect.
  }, [api, tick, ...deps]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, data: state.data, problem: state.problem, reload };
}

export interface Action {
  /** Runs a change; resolves to its result, or undefined when the api refused (see `problem`). */
  run: <R>(change: (api: Api) => Promise<R>) => Promise<R | undefined>;
  busy: boolean;
  problem: ApiProblem | undefined;
  clear: () => void;
}

/** A change a form or button makes: busy while it runs, the api's refusal kept to show beside its fields. */
export function useAction(): Action {
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const run = useCallback(
    async <R>(change: (api: Api) => Promise<R>): Promise<R | undefined> => {
      setBusy(true);
      setProblem(undefined);
      try {
        return await change(api);
      } catch (err) {
        setProblem(asProblem(err));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [api],
  );
  return { run, busy, problem, clear: () => setProblem(undefined) };
}
