import { useState } from 'react';
import type { ApiProblem } from '../../api/problem';
import type { Body } from '../../api/types';
import { EditForm } from '../../ui/edit-form';
import { Field } from '../../ui/field';

export type PropertyFields = Body<'/v1/properties', 'post'>;

/** A property's name, time zone, address and phone; the time zone decides schedules and report days. */
export function PropertyForm({
  initial,
  problem,
  busy,
  readOnly,
  submitLabel,
  onSubmit,
}: {
  initial: PropertyFields;
  problem: ApiProblem | undefined;
  busy: boolean;
  readOnly: boolean;
  submitLabel: string;
  onSubmit: (fields: PropertyFields) => void;
}) {
  const [f, setF] = useState<PropertyFields>(initial);
  return (
    <EditForm className="form" disabled={readOnly || busy} onSubmit={() => onSubmit(f)}>
      <Field label="Name" name="name" problem={problem}>
        {(a) => (
          <input {...a} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
        )}
      </Field>
      <Field label="Time zone" name="timeZone" problem={problem} hint="IANA name, e.g. America/Chicago">
        {(a) => (
          <input
            {...a}
            value={f.timeZone}
            onChange={(e) => setF({ ...f, timeZone: e.target.value })}
            required
          />
        )}
      </Field>
      <Field label="Address" name="address" problem={problem}>
        {(a) => (
          <input
            {...a}
            value={f.address ?? ''}
            onChange={(e) => setF({ ...f, address: e.target.value || undefined })}
          />
        )}
      </Field>
      <Field label="Phone" name="phone" problem={problem} hint="E.164, e.g. +13125550100">
        {(a) => (
          <input
            {...a}
            value={f.phone ?? ''}
            onChange={(e) => setF({ ...f, phone: e.target.value || undefined })}
          />
        )}
      </Field>
      {!readOnly && <button type="submit">{busy ? 'Saving…' : submitLabel}</button>}
    </EditForm>
  );
}
