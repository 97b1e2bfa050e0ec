import { useId } from 'react';
import type { Prompt } from '@switchboard/domain';
import type { ApiProblem } from '../api/problem';

export interface AudioChoice {
  id: string;
  name: string;
}

/**
 * What a caller or agent hears: nothing (when `optional`), text read aloud, or an uploaded audio
 * file. `name` is where the prompt sits in the api's body (`greeting`, `callerHears.prompt`): the
 * api's problems with it show here.
 */
export function PromptInput({
  legend,
  name,
  value,
  onChange,
  audio,
  problem,
  optional,
  noneLabel = 'Nothing',
  disabled,
}: {
  legend: string;
  name: string;
  value: Prompt | undefined;
  onChange: (p: Prompt | undefined) => void;
  audio: readonly AudioChoice[];
  problem: ApiProblem | undefined;
  optional?: boolean;
  /** What `optional`'s empty choice is called ("Ringing" for what a caller hears). */
  noneLabel?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const kind = value?.kind ?? 'none';
  const messages = problem?.under(name) ?? [];
  return (
    <fieldset
      className="prompt-input"
      disabled={disabled}
      aria-describedby={messages.length ? `${id}-err` : undefined}
    >
      <legend>{legend}</legend>
      <label htmlFor={`${id}-kind`}>{legend}: kind</label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(e) => {
          const k = e.target.value;
          onChange(
            k === 'tts'
              ? { kind: 'tts', text: '' }
              : k === 'audio'
                ? { kind: 'audio', audioId: audio[0]?.id ?? '' }
                : undefined,
          );
        }}
      >
        {optional && <option value="none">{noneLabel}</option>}
        <option value="tts">Text read aloud</option>
        <option value="audio">Audio file</option>
      </select>
      {value?.kind === 'tts' && (
        <>
          <label htmlFor={`${id}-text`}>{legend}: text</label>
          <textarea
            id={`${id}-text`}
            rows={2}
            value={value.text}
            onChange={(e) => onChange({ ...value, text: e.target.value })}
          />
        </>
      )}
      {value?.kind === 'audio' && (
        <>
          <label htmlFor={`${id}-audio`}>{legend}: audio file</label>
          <select
            id={`${id}-audio`}
            value={value.audioId}
            onChange={(e) => onChange({ kind: 'audio', audioId: e.target.value })}
          >
            {!audio.some((a) => a.id === value.audioId) && (
              <option value={value.audioId}>{value.audioId || '(choose a file)'}</option>
            )}
            {audio.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </>
      )}
      {messages.length > 0 && (
        <small id={`${id}-err`} className="field-error" role="alert">
          {messages.map((m) => m.message).join(' ')}
        </small>
      )}
    </fieldset>
  );
}
