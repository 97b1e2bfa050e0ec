import { useId, type ReactNode } from 'react';
import type { ApiProblem } from '../api/problem';
import { listProblem } from './list-text';

/**
 * A labelled input with its hint and the api's message about it. `name` is the field as the api
 * names it (`timeZone`, `weekly[0].start`), so a 422 lands beside the input that caused it.
 */
export function Field({
  label,
  name,
  problem,
  hint,
  list = false,
  children,
}: {
  label: string;
  name: string;
  problem?: ApiProblem;
  hint?: string;
  /** A list edited as one input: the api's problems with its items (`name[2]`) show here too. */
  list?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const message = list ? listProblem(problem?.fields, name) : problem?.forField(name);
  const described = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={message ? 'field field-invalid' : 'field'} data-field={name}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': Boolean(message),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {message && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {message}
        </small>
      )}
    </div>
  );
}
