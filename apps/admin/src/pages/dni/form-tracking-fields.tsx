import type { ApiProblem } from '../../api/problem';

/** What a mapped form field holds on the lead (the api's FormTrackingView roles). */
export type FieldRole = 'name' | 'phone' | 'email' | 'message';
export const FIELD_ROLES: readonly FieldRole[] = ['name', 'phone', 'email', 'message'];
const ROLE_LABELS: Readonly<Record<FieldRole, string>> = {
  name: 'Name',
  phone: 'Phone',
  email: 'Email',
  message: 'Message',
};

/** One row of the field map as edited: the form field's `name` attribute, and what it holds. */
export interface MappedField {
  field: string;
  role: FieldRole;
}

export const toMappedFields = (map: Readonly<Record<string, unknown>>): MappedField[] =>
  Object.entries(map).map(([field, role]) => ({ field, role: role as FieldRole }));

/** The rows as the api's map; blank names are dropped (a row added and left empty). */
export const toFieldMap = (rows: readonly MappedField[]): Record<string, FieldRole> =>
  Object.fromEntries(rows.filter((r) => r.field.trim() !== '').map((r) => [r.field.trim(), r.role]));

/**
 * Form tracking on the DNI settings form: whether the script sends the site's form submissions,
 * and the field map. Unmapped fields are still recognised by their type and name; a mapped one is
 * always captured (even hidden), so the map is how an admin names a site's unusual fields.
 */
export function FormTrackingFields({
  enabled,
  setEnabled,
  rows,
  setRows,
  problem,
  readOnly,
}: {
  enabled: boolean;
  setEnabled: (on: boolean) => void;
  rows: readonly MappedField[];
  setRows: (rows: MappedField[]) => void;
  problem: ApiProblem | undefined;
  readOnly: boolean;
}) {
  const set = (i: number, patch: Partial<MappedField>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const mapProblem = problem
    ?.under('formTracking')
    .map((f) => f.message)
    .join(' ');
  return (
    <fieldset className="dni-rules">
      <legend>Form tracking</legend>
      <label className="check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Track form
        submissions
      </label>
      <p className="muted">
        The script sends each form sent on the site as a lead, with its visit&apos;s source. Password, card
        and hidden fields are never sent unless mapped here.
      </p>
      <h3>Field map</h3>
      {rows.length === 0 && (
        <p className="muted">
          No field mapped: name, phone, email and message fields are recognised by name.
        </p>
      )}
      <ol>
        {rows.map((r, i) => (
          <li key={i} className="form-row">
            <div className="field">
              <label htmlFor={`form-field-${i}`}>Form field {i + 1}</label>
              <input
                id={`form-field-${i}`}
                value={r.field}
                placeholder="the input's name, e.g. your-phone"
                onChange={(e) => set(i, { field: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`form-role-${i}`}>Form field {i + 1} holds</label>
              <select
                id={`form-role-${i}`}
                value={r.role}
                onChange={(e) => set(i, { role: e.target.value as FieldRole })}
              >
                {FIELD_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
            </div>
            {!readOnly && (
              <button
                type="button"
                className="link-button"
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
              >
                Remove form field {i + 1}
              </button>
            )}
          </li>
        ))}
      </ol>
      {mapProblem && (
        <p className="field-error" role="alert">
          {mapProblem}
        </p>
      )}
      {!readOnly && (
        <button
          type="button"
          className="secondary"
          onClick={() => setRows([...rows, { field: '', role: 'name' }])}
        >
          Map a form field
        </button>
      )}
    </fieldset>
  );
}
