import { useState } from 'react';
import { unwrap } from '../../api/client';
import { saveFile } from '../../download';
import { useAction } from '../../use-api';
import { ProblemNotice } from '../../ui/problem-notice';
import { NO_SUBJECT, SubjectField, subjectParams, type Subject } from './subject-field';

/** The file name the api gives the export (`Content-Disposition`), or one of our own. */
function fileNameOf(response: Response): string {
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  return named ?? 'privacy-export.json';
}

/**
 * Everything held about a person, downloaded as the api's JSON document. Each export is audited
 * (`exported` tells the page, whose audit log lists it).
 */
export function ExportForm({ exported }: { exported: () => void }) {
  const download = useAction();
  const [subject, setSubject] = useState<Subject>(NO_SUBJECT);
  return (
    <section aria-labelledby="export">
      <h2 id="export">Export a person&apos;s data</h2>
      <form
        className="form"
        aria-label="Export a person's data"
        onSubmit={(e) => {
          e.preventDefault();
          void download
            .run(async (api) => {
              const { data, error, response } = await api.GET('/v1/privacy/exports', {
                params: { query: subjectParams(subject) },
                parseAs: 'blob',
              });
              if (error !== undefined || !response.ok || !data)
                await unwrap(Promise.resolve({ error, response }));
              saveFile(data as unknown as Blob, fileNameOf(response));
              return true;
            })
            .then((done) => done && exported());
        }}
      >
        <p className="muted">
          One JSON file: their calls (with transcripts and links to the recordings), voicemails, texts,
          emails, forms, visits and conversions across the account.
        </p>
        <ProblemNotice problem={download.problem} shown={[subject.kind]} />
        <fieldset disabled={download.busy}>
          <SubjectField
            legend="Find the person by"
            subject={subject}
            onChange={setSubject}
            problem={download.problem}
          />
          <button type="submit">{download.busy ? 'Exporting…' : 'Export'}</button>
        </fieldset>
      </form>
    </section>
  );
}
