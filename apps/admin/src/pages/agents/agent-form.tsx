import { useState } from 'react';
import type { AgentEndpoint } from '@switchboard/domain';
import type { ApiProblem } from '../../api/problem';
import { EditForm } from '../../ui/edit-form';
import { Field } from '../../ui/field';

export type EndpointKind = AgentEndpoint['kind'];

export const ENDPOINT_KINDS: Record<
  EndpointKind,
  { label: string; field: string; fieldLabel: string; hint: string }
> = {
  phone: { label: 'Phone', field: 'number', fieldLabel: 'Phone number', hint: 'E.164, e.g. +13125550100' },
  sip: { label: 'SIP', field: 'uri', fieldLabel: 'SIP address', hint: 'e.g. sip:frontdesk@pbx.example.com' },
  webrtc: {
    label: 'Browser',
    field: 'username',
    fieldLabel: 'Browser login',
    hint: 'Letters, digits and . _ ~ + -; the agent answers in the /agent page',
  },
};

export interface AgentFields {
  id: string;
  name: string;
  kind: EndpointKind;
  /** The number, URI or login, whichever the kind has. */
  address: string;
  available: boolean;
}

export const endpointOf = (f: AgentFields): AgentEndpoint =>
  ({ kind: f.kind, [ENDPOINT_KINDS[f.kind].field]: f.address.trim() }) as unknown as AgentEndpoint;

export const addressOf = (e: AgentEndpoint): string =>
  e.kind === 'phone' ? e.number : e.kind === 'sip' ? e.uri : e.username;

/** An agent's name, how they are reached, and whether ring groups may ring them. */
export function AgentForm({
  initial,
  isNew,
  problem,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: AgentFields;
  isNew: boolean;
  problem: ApiProblem | undefined;
  busy: boolean;
  submitLabel: string;
  onSubmit: (f: AgentFields) => void;
  onCancel?: () => void;
}) {
  const [f, setF] = useState(initial);
  const kind = ENDPOINT_KINDS[f.kind];
  return (
    <EditForm className="form" disabled={busy} plain onSubmit={() => onSubmit(f)}>
      <Field label="Name" name="name" problem={problem}>
        {(a) => (
          <input {...a} required value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        )}
      </Field>
      {isNew && (
        <Field
          label="Id"
          name="id"
          problem={problem}
          hint="What ring groups and voicemail boxes name; default: from the name"
        >
          {(a) => <input {...a} value={f.id} onChange={(e) => setF({ ...f, id: e.target.value })} />}
        </Field>
      )}
      <Field label="Reached by" name="endpoint.kind" problem={problem}>
        {(a) => (
          <select
            {...a}
            value={f.kind}
            onChange={(e) => setF({ ...f, kind: e.target.value as EndpointKind })}
          >
            {(Object.keys(ENDPOINT_KINDS) as EndpointKind[]).map((k) => (
              <option key={k} value={k}>
                {ENDPOINT_KINDS[k].label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={kind.fieldLabel} name={`endpoint.${kind.field}`} problem={problem} hint={kind.hint}>
        {(a) => (
          <input
            {...a}
            required
            value={f.address}
            onChange={(e) => setF({ ...f, address: e.target.value })}
          />
        )}
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={f.available}
          onChange={(e) => setF({ ...f, available: e.target.checked })}
        />
        Available (ring groups that skip unavailable members ring them)
      </label>
      <p>
        <button type="submit">{busy ? 'Saving…' : submitLabel}</button>{' '}
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </p>
    </EditForm>
  );
}
