import { useState } from 'react';
import type { ApiProblem } from '../../api/problem';
import type { Body } from '../../api/types';
import { EditForm } from '../../ui/edit-form';
import { Field } from '../../ui/field';

export type WebhookFields = Body<'/v1/properties/{propertyId}/webhooks', 'post'>;
export type WebhookEvent = WebhookFields['events'][number];

/** Every event a subscription can ask for; a Record so a new api event fails to compile until named here. */
export const EVENT_LABELS: Readonly<Record<WebhookEvent, string>> = {
  'call.started': 'A call started',
  'call.completed': 'A call ended',
  'voicemail.left': 'A voicemail was left',
  'text.received': 'A text arrived',
  'email.received': 'An email arrived',
  'form.submitted': 'A web form was submitted',
};
const EVENTS = Object.keys(EVENT_LABELS) as WebhookEvent[];

/** A subscription's URL, events, description and whether it is active. */
export function WebhookForm({
  initial,
  problem,
  busy,
  readOnly,
  submitLabel,
  onSubmit,
}: {
  initial: WebhookFields;
  problem: ApiProblem | undefined;
  busy: boolean;
  readOnly: boolean;
  submitLabel: string;
  onSubmit: (f: WebhookFields) => void;
}) {
  const [f, setF] = useState<WebhookFields>(initial);
  const eventsProblem = problem
    ?.under('events')
    .map((x) => x.message)
    .join(' ');
  return (
    <EditForm className="form" disabled={readOnly || busy} onSubmit={() => onSubmit(f)}>
      <Field label="URL" name="url" problem={problem} hint="http(s); events are POSTed here, signed">
        {(a) => <input {...a} value={f.url} onChange={(e) => setF({ ...f, url: e.target.value })} required />}
      </Field>
      <fieldset className="checks" aria-invalid={Boolean(eventsProblem)}>
        <legend>Events</legend>
        {EVENTS.map((ev) => (
          <label key={ev}>
            <input
              type="checkbox"
              checked={f.events.includes(ev)}
              onChange={(e) =>
                setF({
                  ...f,
                  events: e.target.checked ? [...f.events, ev] : f.events.filter((x) => x !== ev),
                })
              }
            />{' '}
            {EVENT_LABELS[ev]} <code>{ev}</code>
          </label>
        ))}
        {eventsProblem && (
          <p className="field-error" role="alert">
            {eventsProblem}
          </p>
        )}
      </fieldset>
      <Field label="Description" name="description" problem={problem}>
        {(a) => (
          <input
            {...a}
            value={f.description ?? ''}
            onChange={(e) => setF({ ...f, description: e.target.value })}
          />
        )}
      </Field>
      <Field label="Active" name="active" problem={problem} hint="Paused subscriptions get no new events">
        {(a) => (
          <input
            {...a}
            type="checkbox"
            checked={f.active ?? true}
            onChange={(e) => setF({ ...f, active: e.target.checked })}
          />
        )}
      </Field>
      {!readOnly && <button type="submit">{busy ? 'Saving…' : submitLabel}</button>}
    </EditForm>
  );
}
