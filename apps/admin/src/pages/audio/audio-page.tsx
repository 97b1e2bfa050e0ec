import { useId, useRef, useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { BlobAudio } from '../../ui/blob-audio';
import { DataTable } from '../../ui/data-table';
import { DeleteButton } from '../../ui/delete-button';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { audioTypeOf, baseName, readAsBase64, sizeText } from './audio-file';

type AudioFile = Ok<'/v1/properties/{propertyId}/audio', 'get'>['items'][number];

/** Uploaded prompts: played here from the api (with the key), renamed, replaced, deleted. */
export function AudioPage({ propertyId }: { propertyId: string }) {
  const { readOnly } = useSession();
  const audio = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/audio', { params: { path: { propertyId } } })),
    [propertyId],
  );
  return (
    <Page title="Audio">
      <LoadedView loaded={audio}>
        {(page) => (
          <DataTable
            caption="Audio files"
            rows={page.items}
            rowKey={(a) => `${a.id}@${String(a.updatedAt)}`}
            empty="No audio file yet."
            columns={[
              {
                header: 'Name',
                cell: (a) =>
                  readOnly ? (
                    a.name
                  ) : (
                    <RenameInPlace propertyId={propertyId} file={a} onDone={audio.reload} />
                  ),
              },
              { header: 'Id', cell: (a) => <code>{a.id}</code> },
              { header: 'Type', cell: (a) => a.contentType },
              { header: 'Size', cell: (a) => sizeText(a.sizeBytes), numeric: true },
              {
                header: 'Play',
                cell: (a) => (
                  <BlobAudio
                    label={a.name}
                    load={(api) =>
                      unwrap<Blob>(
                        api.GET('/v1/properties/{propertyId}/audio/{audioId}/content', {
                          params: { path: { propertyId, audioId: a.id } },
                          parseAs: 'blob',
                        }),
                      )
                    }
                  />
                ),
              },
              ...(readOnly
                ? []
                : [
                    {
                      header: 'Actions',
                      cell: (a: AudioFile) => (
                        <div className="row-actions">
                          <ReplaceContent propertyId={propertyId} file={a} onDone={audio.reload} />
                          <DeleteButton
                            what={`audio file ${a.name}`}
                            remove={(api) =>
                              unwrap(
                                api.DELETE('/v1/properties/{propertyId}/audio/{audioId}', {
                                  params: { path: { propertyId, audioId: a.id } },
                                }),
                              )
                            }
                            onDeleted={audio.reload}
                          />
                        </div>
                      ),
                    },
                  ]),
            ]}
          />
        )}
      </LoadedView>
      {!readOnly && <UploadForm propertyId={propertyId} onDone={audio.reload} />}
    </Page>
  );
}

function UploadForm({ propertyId, onDone }: { propertyId: string; onDone: () => void }) {
  const add = useAction();
  const [file, setFile] = useState<File>();
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [formKey, setFormKey] = useState(0);
  return (
    <section aria-labelledby="upload-audio">
      <h2 id="upload-audio">Upload an audio file</h2>
      <ProblemNotice problem={add.problem} shown={['name', 'id', 'contentType', 'contentBase64']} />
      <form
        key={formKey}
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) return;
          void add
            .run(async (api) =>
              unwrap(
                api.POST('/v1/properties/{propertyId}/audio', {
                  params: { path: { propertyId } },
                  body: {
                    ...(id.trim() ? { id: id.trim() } : {}),
                    name: name.trim() || baseName(file),
                    contentType: audioTypeOf(file),
                    contentBase64: await readAsBase64(file),
                  },
                }),
              ),
            )
            .then((created) => {
              if (!created) return;
              setFile(undefined);
              setName('');
              setId('');
              setFormKey((k) => k + 1);
              onDone();
            });
        }}
      >
        <fieldset disabled={add.busy} className="plain">
          <Field label="File" name="contentBase64" problem={add.problem} hint="MP3 or WAV, at most 5 MB">
            {(a) => (
              <input
                {...a}
                type="file"
                accept="audio/mpeg,audio/wav,audio/x-wav,.mp3,.wav"
                required
                onChange={(e) => setFile(e.target.files?.[0])}
              />
            )}
          </Field>
          <Field label="Name" name="name" problem={add.problem} hint="Default: the file's name">
            {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field
            label="Id"
            name="id"
            problem={add.problem}
            hint="What flows name it by; default: from the name"
          >
            {(a) => <input {...a} value={id} onChange={(e) => setId(e.target.value)} />}
          </Field>
          <p>
            <button type="submit">{add.busy ? 'Uploading…' : 'Upload'}</button>
          </p>
        </fieldset>
      </form>
    </section>
  );
}

/** The name as a button; activated, an input to type the new one (PATCH: the bytes and URL stay). */
function RenameInPlace({
  propertyId,
  file,
  onDone,
}: {
  propertyId: string;
  file: AudioFile;
  onDone: () => void;
}) {
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(file.name);
  const id = useId();
  if (!editing)
    return (
      <span>
        {file.name}{' '}
        <button type="button" className="link-button" onClick={() => setEditing(true)}>
          Rename<span className="visually-hidden"> {file.name}</span>
        </button>
      </span>
    );
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void action
          .run((api) =>
            unwrap(
              api.PATCH('/v1/properties/{propertyId}/audio/{audioId}', {
                params: { path: { propertyId, audioId: file.id } },
                body: { name },
              }),
            ),
          )
          .then((saved) => {
            if (!saved) return;
            setEditing(false);
            onDone();
          });
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        New name for {file.name}
      </label>
      <input
        id={id}
        value={name}
        autoFocus
        onChange={(e) => setName(e.target.value)}
        aria-invalid={Boolean(action.problem)}
      />
      <button type="submit" disabled={action.busy}>
        Save name
      </button>
      <button type="button" className="secondary" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {action.problem && (
        <small className="field-error" role="alert">
          {action.problem.forField('name') ?? action.problem.message}
        </small>
      )}
    </form>
  );
}

/** New bytes for the same id (PUT): flows keep playing it by id; its URL changes. */
function ReplaceContent({
  propertyId,
  file,
  onDone,
}: {
  propertyId: string;
  file: AudioFile;
  onDone: () => void;
}) {
  const action = useAction();
  const input = useRef<HTMLInputElement>(null);
  return (
    <span>
      <button
        type="button"
        className="link-button"
        disabled={action.busy}
        onClick={() => input.current?.click()}
      >
        Replace<span className="visually-hidden"> {file.name}</span>…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept="audio/mpeg,audio/wav,audio/x-wav,.mp3,.wav"
        onChange={(e) => {
          const picked = e.target.files?.[0];
          if (!picked) return;
          void action
            .run(async (api) =>
              unwrap(
                api.PUT('/v1/properties/{propertyId}/audio/{audioId}', {
                  params: { path: { propertyId, audioId: file.id } },
                  body: {
                    id: file.id,
                    name: file.name,
                    contentType: audioTypeOf(picked),
                    contentBase64: await readAsBase64(picked),
                  },
                }),
              ),
            )
            .then((saved) => saved && onDone());
        }}
      />
      <span aria-live="polite">{action.busy ? ' Uploading…' : ''}</span>
      <ProblemNotice problem={action.problem} />
    </span>
  );
}
