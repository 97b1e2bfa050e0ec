import type { ApiProblem } from '../../api/problem';
import { useSession } from '../../session';

/** Checkboxes of the account's properties; the api names a wrong one `field[i]`, listed below them. */
export function PropertyPicker({
  legend,
  field,
  value,
  onChange,
  problem,
  hint,
}: {
  legend: string;
  field: string;
  value: readonly string[];
  onChange: (ids: string[]) => void;
  problem: ApiProblem | undefined;
  hint?: string;
}) {
  const { properties } = useSession();
  const problems = problem?.under(field) ?? [];
  return (
    <fieldset className="checks" aria-invalid={problems.length > 0}>
      <legend>{legend}</legend>
      {hint && <small className="hint">{hint}</small>}
      {properties.map((p) => (
        <label key={p.id}>
          <input
            type="checkbox"
            checked={value.includes(p.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, p.id] : value.filter((x) => x !== p.id))}
          />{' '}
          {p.name}
        </label>
      ))}
      {problems.length > 0 && (
        <p className="field-error" role="alert">
          {problems.map((f) => f.message).join(' ')}
        </p>
      )}
    </fieldset>
  );
}
