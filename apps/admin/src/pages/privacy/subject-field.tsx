import { useId } from 'react';
import type { ApiProblem } from '../../api/problem';
import { Field } from '../../ui/field';

/** Who a privacy request is about: a phone number or an email address, never both. */
export interface Subject {
  kind: 'phone' | 'email';
  value: string;
}

export const NO_SUBJECT: Subject = { kind: 'phone', value: '' };

/** The request's query or body: the api names the field it refuses (`phone`, `email`) the same way. */
export const subjectParams = (s: Subject): { phone: string } | { email: string } =>
  s.kind === 'phone' ? { phone: s.value } : { email: s.value };

/**
 * The person's phone number or email address, as one choice and one input; the api's 422 about
 * either field shows beside the input.
 */
export function SubjectField({
  legend,
  subject,
  onChange,
  problem,
}: {
  legend: string;
  subject: Subject;
  onChange: (s: Subject) => void;
  problem: ApiProblem | undefined;
}) {
  const group = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="checks">
        {(['phone', 'email'] as const).map((kind) => (
          <label key={kind} className="check">
            <input
              type="radio"
              name={group}
              checked={subject.kind === kind}
              onChange={() => onChange({ kind, value: '' })}
            />{' '}
            {kind === 'phone' ? 'Phone' : 'Email'}
          </label>
        ))}
      </div>
      {subject.kind === 'phone' ? (
        <Field
          label="Phone number"
          name="phone"
          problem={problem}
          hint="+14155550100, or a US number as written: (415) 555-0100"
        >
          {(a) => (
            <input
              {...a}
              type="tel"
              value={subject.value}
              onChange={(e) => onChange({ kind: 'phone', value: e.target.value })}
              required
            />
          )}
        </Field>
      ) : (
        <Field label="Email address" name="email" problem={problem}>
          {(a) => (
            <input
              {...a}
              type="text"
              inputMode="email"
              value={subject.value}
              onChange={(e) => onChange({ kind: 'email', value: e.target.value })}
              required
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}
