import type { ReactNode } from 'react';
import type { Loaded } from '../use-api';
import { ProblemNotice } from './problem-notice';

/** A screen: its heading (focused after navigation), actions beside it, and its content. */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <div className="page-head">
        <h1 tabIndex={-1}>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}

/** Renders what was loaded, a loading line, or the api's refusal (404 as "Not found"). */
export function LoadedView<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.data !== undefined) return <>{children(loaded.data)}</>;
  if (loaded.problem) return <ProblemNotice problem={loaded.problem} />;
  return (
    <p className="muted" aria-live="polite">
      Loading…
    </p>
  );
}
