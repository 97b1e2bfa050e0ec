import { useId, type ReactNode } from 'react';
import type { ApiProblem } from '../api/problem';

/**
 * A labelled input with its hint and the api's message about it. `name` is the field as the api
 * names it (`timeZone`, `weekly[0].start`), so a 422 lands beside the input that caused it.
 */
export function Field({
  label,
  name,
  problem,
  hint,
  children,
}: {
  label: string;
  name: string;
  problem?: ApiProblem;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const message = problem?.forField(name);
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
