import { useState } from 'react';
import type { Prompt } from '@switchboard/domain';
import type { ApiProblem } from '../../api/problem';
import type { Body, Ok } from '../../api/types';
import { EditForm } from '../../ui/edit-form';
import { Field } from '../../ui/field';
import { PromptInput, type AudioChoice } from '../../ui/prompt-input';
import { ResourceNameFields } from '../../ui/resource-name-fields';

export type VoicemailBoxBody = Body<'/v1/properties/{propertyId}/voicemail-boxes', 'post'>;
export type SavedBox = Ok<'/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}', 'get'>;

interface BoxDraft {
  id: string;
  name: string;
  agentId: string;
  greeting: Prompt | undefined;
  notifyWebhookUrl: string;
  /** One address a line. */
  notifyEmails: string;
}

const draftOf = (b: SavedBox | null): BoxDraft => ({
  id: b?.id ?? '',
  name: b?.name ?? '',
  agentId: b?.agentId ?? '',
  greeting: b?.greeting ?? undefined,
  notifyWebhookUrl: b?.notifyWebhookUrl ?? '',
  notifyEmails: (b?.notifyEmails ?? []).join('\n'),
});

function bodyOf(d: BoxDraft): VoicemailBoxBody {
  return {
    ...(d.id.trim() ? { id: d.id.trim() } : {}),
    name: d.name,
    agentId: d.agentId || null,
    greeting: (d.greeting ?? null) as VoicemailBoxBody['greeting'],
    notifyWebhookUrl: d.notifyWebhookUrl.trim() || null,
    notifyEmails: d.notifyEmails
      .split(/[\n,]+/)
      .map((e) => e.trim())
      .filter(Boolean),
  };
}

export const BOX_FIELDS = /^(id|name|agentId|greeting.*|notifyWebhookUrl|notifyEmails.*)$/;

/** A box's name, owner, greeting and who hears about new messages. */
export function VoicemailBoxForm({
  saved,
  agents,
  audio,
  problem,
  busy,
  readOnly,
  onSubmit,
}: {
  saved: SavedBox | null;
  agents: readonly { id: string; name: string }[];
  audio: readonly AudioChoice[];
  problem: ApiProblem | undefined;
  busy: boolean;
  readOnly: boolean;
  onSubmit: (body: VoicemailBoxBody) => void;
}) {
  const [d, setD] = useState(() => draftOf(saved));
  const emailProblems = problem?.under('notifyEmails') ?? [];
  return (
    <EditForm
      className="form form-wide"
      disabled={readOnly || busy}
      plain
      onSubmit={() => onSubmit(bodyOf(d))}
    >
      <div className="form-row">
        <ResourceNameFields
          name={d.name}
          id={d.id}
          creating={!saved}
          problem={problem}
          onChange={(change) => setD({ ...d, ...change })}
        />
        <Field label="Belongs to" name="agentId" problem={problem}>
          {(a) => (
            <select {...a} value={d.agentId} onChange={(e) => setD({ ...d, agentId: e.target.value })}>
              <option value="">The property</option>
              {agents.map((ag) => (
                <option key={ag.id} value={ag.id}>
                  {ag.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <PromptInput
        legend="Greeting"
        name="greeting"
        value={d.greeting}
        onChange={(greeting) => setD({ ...d, greeting })}
        audio={audio}
        problem={problem}
        optional
        noneLabel="The standard greeting"
      />
      <Field
        label="Notify by email"
        name="notifyEmails"
        problem={problem}
        hint="One address a line; each new message is emailed to them"
      >
        {(a) => (
          <textarea
            {...a}
            rows={3}
            aria-invalid={emailProblems.length > 0}
            value={d.notifyEmails}
            onChange={(e) => setD({ ...d, notifyEmails: e.target.value })}
          />
        )}
      </Field>
      {emailProblems.length > 0 && (
        <small className="field-error" role="alert">
          {emailProblems.map((p) => p.message).join('; ')}
        </small>
      )}
      <Field
        label="Notify a webhook"
        name="notifyWebhookUrl"
        problem={problem}
        hint="Receives a signed voicemail.received event for every message"
      >
        {(a) => (
          <input
            {...a}
            inputMode="url"
            value={d.notifyWebhookUrl}
            onChange={(e) => setD({ ...d, notifyWebhookUrl: e.target.value })}
          />
        )}
      </Field>
      {!readOnly && (
        <p>
          <button type="submit">
            {busy ? 'Saving…' : saved ? 'Save voicemail box' : 'Create voicemail box'}
          </button>
        </p>
      )}
    </EditForm>
  );
}
