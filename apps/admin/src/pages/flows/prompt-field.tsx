import type { Prompt } from '@switchboard/domain';
import type { ApiProblem } from '../../api/problem';
import { Field } from '../../ui/field';
import type { FlowResources } from './flow-resources';

/**
 * What the caller hears: speech from text, or one of the property's audio files. `optional`
 * prompts can be switched off (a hang-up without a message, a voicemail with the box's greeting).
 * A voice or language set through the api is kept while the text is edited.
 */
export function PromptField({
  label,
  name,
  prompt,
  optional = false,
  audio,
  problem,
  onChange,
}: {
  label: string;
  /** The prompt's field in the step (`prompt`, `greeting`), for its problems. */
  name: string;
  prompt: Prompt | undefined;
  optional?: boolean;
  audio: FlowResources['audio'];
  problem: ApiProblem | undefined;
  onChange: (prompt: Prompt | undefined) => void;
}) {
  const kind = prompt?.kind ?? 'none';
  return (
    <fieldset className="prompt-field">
      <legend>{label}</legend>
      <Field label={`${label}: plays`} name={name} problem={problem}>
        {(a) => (
          <select
            {...a}
            value={kind}
            onChange={(e) => {
              const k = e.target.value;
              if (k === 'none') onChange(undefined);
              else if (k === 'tts') onChange({ kind: 'tts', text: '' });
              else onChange({ kind: 'audio', audioId: audio[0]?.id ?? '' });
            }}
          >
            {optional && <option value="none">Nothing</option>}
            <option value="tts">Speech from text</option>
            <option value="audio">Audio file</option>
          </select>
        )}
      </Field>
      {prompt?.kind === 'tts' && (
        <Field label={`${label}: text`} name={`${name}.text`} problem={problem}>
          {(a) => (
            <textarea
              {...a}
              rows={2}
              value={prompt.text}
              onChange={(e) => onChange({ ...prompt, text: e.target.value })}
            />
          )}
        </Field>
      )}
      {prompt?.kind === 'audio' && (
        <Field
          label={`${label}: audio file`}
          name={`${name}.audioId`}
          problem={problem}
          hint={audio.length === 0 ? 'This property has no audio files yet (see Audio).' : undefined}
        >
          {(a) => (
            <select
              {...a}
              value={prompt.audioId}
              onChange={(e) => onChange({ kind: 'audio', audioId: e.target.value })}
            >
              <option value="">Choose a file</option>
              {audio.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
              {prompt.audioId !== '' && !audio.some((f) => f.id === prompt.audioId) && (
                <option value={prompt.audioId}>{prompt.audioId} (missing)</option>
              )}
            </select>
          )}
        </Field>
      )}
    </fieldset>
  );
}
