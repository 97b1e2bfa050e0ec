import type { Prompt } from '@switchboard/domain';
import { useState } from 'react';
import type { ApiProblem } from '../../api/problem';
import type { Ok } from '../../api/types';
import { EditForm } from '../../ui/edit-form';
import { PromptField } from '../flows/prompt-field';

type AudioFiles = Ok<'/v1/properties/{propertyId}/audio', 'get'>['items'];

export interface DisclosureSettings {
  recordingDisclosure: Prompt | null;
  requireRecordingDisclosure: boolean;
}

/**
 * The property's default recording disclosure (what callers hear before a recording flow without
 * one of its own records them) and whether every recording flow must have one. The api refuses
 * the requirement while a recording flow would have none, naming the flows.
 */
export function RecordingDisclosureForm({
  initial,
  audio,
  problem,
  busy,
  readOnly,
  onSubmit,
}: {
  initial: DisclosureSettings;
  audio: AudioFiles;
  problem: ApiProblem | undefined;
  busy: boolean;
  readOnly: boolean;
  onSubmit: (settings: DisclosureSettings) => void;
}) {
  const [f, setF] = useState<DisclosureSettings>(initial);
  return (
    <EditForm className="form" disabled={readOnly || busy} onSubmit={() => onSubmit(f)}>
      <PromptField
        label="Default recording disclosure"
        name="recordingDisclosure"
        prompt={f.recordingDisclosure ?? undefined}
        optional
        audio={audio}
        problem={problem}
        onChange={(p) => setF({ ...f, recordingDisclosure: p ?? null })}
      />
      <p className="hint">
        Played to callers before a flow that records does so, unless the flow has a disclosure of its own.
      </p>
      <div className="field field-check" data-field="requireRecordingDisclosure">
        <label>
          <input
            type="checkbox"
            checked={f.requireRecordingDisclosure}
            onChange={(e) => setF({ ...f, requireRecordingDisclosure: e.target.checked })}
          />{' '}
          Require a disclosure for every flow that records
        </label>
        {problem?.forField('requireRecordingDisclosure') && (
          <small className="field-error" role="alert">
            {problem.forField('requireRecordingDisclosure')}
          </small>
        )}
      </div>
      {!readOnly && <button type="submit">{busy ? 'Saving…' : 'Save disclosure'}</button>}
    </EditForm>
  );
}
