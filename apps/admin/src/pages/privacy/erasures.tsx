import { useEffect, useState } from 'react';
import { unwrap } from '../../api/client';
import { dateTime } from '../../format';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { LoadedView } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { ProblemNotice } from '../../ui/problem-notice';
import { countsText, statusText, underWay, type PrivacyRequest } from './request-text';
import { NO_SUBJECT, SubjectField, subjectParams, type Subject } from './subject-field';

const PAGE = 20;
/** How often erasures under way are asked again: each kind takes a second or so. */
const REFRESH_MS = 2_000;

/**
 * Erasing a person: the form (with a confirmation that says what cannot be undone) and the
 * account's erasures, newest first, refreshed while one is under way. `changed` tells the page a
 * new request was made (the audit log lists it).
 */
export function Erasures({ mayChange, changed }: { mayChange: boolean; changed: () => void }) {
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    (api) => unwrap(api.GET('/v1/privacy/erasures', { params: { query: { limit: PAGE, offset } } })),
    [offset],
  );
  const running = list.data?.items.some(underWay) ?? false;
  const { reload } = list;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, reload]);
  return (
    <section aria-labelledby="erasures">
      <h2 id="erasures">Erase a person</h2>
      {mayChange && (
        <EraseForm
          onStarted={() => {
            setOffset(0);
            reload();
            changed();
          }}
        />
      )}
      <h3 id="erasure-list">Erasures</h3>
      <LoadedView loaded={list}>
        {(page) => (
          <>
            <DataTable<PrivacyRequest>
              caption="Erasures, newest first"
              rows={page.items}
              rowKey={(r) => r.id}
              empty="No erasure yet."
              columns={[
                { header: 'Asked', cell: (r) => dateTime(r.requestedAt) },
                { header: 'By', cell: (r) => r.requestedBy.name },
                {
                  header: 'Person',
                  cell: (r) => (
                    <>
                      {r.subjectKind === 'phone' ? 'phone' : 'email'} <code>{r.subjectToken}</code>
                    </>
                  ),
                },
                { header: 'Status', cell: statusText },
                { header: 'Removed or replaced', cell: (r) => countsText(r.counts) },
                { header: 'Finished', cell: (r) => dateTime(r.finishedAt) },
              ]}
            />
            <Pager offset={offset} pageSize={PAGE} total={page.total} go={setOffset} />
          </>
        )}
      </LoadedView>
    </section>
  );
}

/** The person to erase, then an in-place confirmation of what happens before the request is sent. */
function EraseForm({ onStarted }: { onStarted: () => void }) {
  const erase = useAction();
  const [subject, setSubject] = useState<Subject>(NO_SUBJECT);
  const [confirming, setConfirming] = useState(false);
  const [started, setStarted] = useState<string>();
  const send = () =>
    void erase
      .run((api) => unwrap(api.POST('/v1/privacy/erasures', { body: subjectParams(subject) })))
      .then((r) => {
        setConfirming(false);
        if (!r) return;
        setStarted(subject.value);
        setSubject({ kind: subject.kind, value: '' });
        onStarted();
      });
  return (
    <form
      className="form"
      aria-label="Erase a person"
      onSubmit={(e) => {
        e.preventDefault();
        erase.clear();
        setStarted(undefined);
        setConfirming(true);
      }}
    >
      <ProblemNotice problem={erase.problem} shown={[subject.kind]} />
      <div aria-live="polite">
        {started && !erase.problem && (
          <p className="notice notice-ok">Erasure of {started} started: it is listed below.</p>
        )}
      </div>
      <fieldset disabled={erase.busy}>
        <SubjectField
          legend="Find the person by"
          subject={subject}
          onChange={(s) => {
            setSubject(s);
            setConfirming(false);
          }}
          problem={erase.problem}
        />
        {confirming ? (
          <div className="confirm" role="group" aria-label="Confirm the erasure">
            <p>
              Erase <strong>{subject.value}</strong> from every property of the account? Their recordings
              (ours and the carrier&apos;s) and transcripts are deleted; their{' '}
              {subject.kind === 'phone' ? 'number' : 'address'} is replaced by a token everywhere it is kept,
              in calls, voicemails, texts, emails, forms and conversions. This cannot be undone. Reports keep
              their counts.
            </p>
            <button type="button" className="danger" onClick={send}>
              {erase.busy ? 'Erasing…' : 'Yes, erase this person'}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep their data
            </button>
          </div>
        ) : (
          <button type="submit">Erase…</button>
        )}
      </fieldset>
    </form>
  );
}
