import type { ApiProblem } from '../api/problem';
import { Field } from './field';

/**
 * A property resource's name, and (only when creating it) the id call flows name it by: schedules,
 * ring groups and voicemail boxes are created with both, and the id never changes afterwards.
 */
export function ResourceNameFields({
  name,
  id,
  creating,
  problem,
  onChange,
}: {
  name: string;
  id: string;
  creating: boolean;
  problem: ApiProblem | undefined;
  onChange: (change: { name?: string; id?: string }) => void;
}) {
  return (
    <>
      <Field label="Name" name="name" problem={problem}>
        {(a) => <input {...a} required value={name} onChange={(e) => onChange({ name: e.target.value })} />}
      </Field>
      {creating && (
        <Field
          label="Id"
          name="id"
          problem={problem}
          hint="What call flows name it by; default: from the name"
        >
          {(a) => <input {...a} value={id} onChange={(e) => onChange({ id: e.target.value })} />}
        </Field>
      )}
    </>
  );
}
