import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Body, Ok } from '../../api/types';
import { dateTime, duration, sameOrigin, sinceStart, words } from '../../format';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';

type Call = Ok<'/v1/calls/{callId}', 'get'>;
type Timeline = Ok<'/v1/calls/{callId}/timeline', 'get'>;
type Recording = Ok<'/v1/calls/{callId}/recordings', 'get'>['items'][number];
type ManualScore = Body<'/v1/calls/{callId}/score', 'put'>;

const LEAD_STATUSES = ['good_lead', 'not_a_lead', 'not_scored'] as const;

/** One call: what happened (timeline), where it came from, its recordings, and its score. */
export function CallPage({ callId }: { callId: string }) {
  const path = { params: { path: { callId } } };
  const call = useLoad((api) => unwrap(api.GET('/v1/calls/{callId}', path)), [callId]);
  return <LoadedView loaded={call}>{(c) => <CallView call={c} reload={call.reload} />}</LoadedView>;
}

function CallView({ call, reload }: { call: Call; reload: () => void }) {
  const { properties } = useSession();
  const property = properties.find((p) => p.id === call.propertyId);
  const zone = property?.timeZone;
  const callId = call.id;
  const path = { params: { path: { callId } } };
  const timeline = useLoad((api) => unwrap(api.GET('/v1/calls/{callId}/timeline', path)), [callId]);
  const workflow = useLoad((api) => unwrap(api.GET('/v1/calls/{callId}/workflow', path)), [callId]);
  const repeat =
    call.priorCalls === null
      ? '—'
      : call.priorCalls === 0
        ? 'First-time caller'
        : `Repeat caller (${call.priorCalls} earlier)`;
  return (
    <Page
      title={`Call from ${call.fromNumber}`}
      actions={
        <>
          <Link to="/calls">Back to the call log</Link>
          {workflow.data?.temporalUrl && (
            <a href={workflow.data.temporalUrl} target="_blank" rel="noreferrer">
              Open in Temporal Web UI
            </a>
          )}
        </>
      }
    >
      <div className="call-layout">
        <div className="call-facts">
          <section aria-labelledby="call-summary" className="card">
            <h2 id="call-summary">Summary</h2>
            <dl className="facts">
              <dt>When</dt>
              <dd>
                {dateTime(call.startedAt, zone)} {zone && <span className="muted">({zone})</span>}
              </dd>
              <dt>Property</dt>
              <dd>{property?.name ?? '—'}</dd>
              <dt>Outcome</dt>
              <dd>{words(call.outcome)}</dd>
              <dt>Duration</dt>
              <dd>
                {duration(call.durationSecs)} (talk {duration(call.talkSecs)})
              </dd>
              <dt>Answered by</dt>
              <dd>{call.agentName ?? call.answeredBy ?? '—'}</dd>
              <dt>Direction</dt>
              <dd>{words(call.direction)}</dd>
            </dl>
          </section>
          <section aria-labelledby="call-attribution" className="card">
            <h2 id="call-attribution">Attribution</h2>
            <dl className="facts">
              <dt>Source</dt>
              <dd>{call.sourceName ?? '—'}</dd>
              <dt>Tracking number</dt>
              <dd>{call.toNumber}</dd>
              <dt>Caller</dt>
              <dd>{repeat}</dd>
              <dt>Landing page</dt>
              <dd>{call.landingPage ?? '—'}</dd>
              <dt>Referrer</dt>
              <dd>{call.referrer ?? '—'}</dd>
              <dt>Campaign</dt>
              <dd>{call.campaign ?? call.utmCampaign ?? '—'}</dd>
              <dt>Keyword</dt>
              <dd>{call.keyword ?? call.utmTerm ?? '—'}</dd>
              <dt>UTM</dt>
              <dd>{[call.utmSource, call.utmMedium, call.utmContent].filter(Boolean).join(' / ') || '—'}</dd>
              <dt>Matched by</dt>
              <dd>{words(call.attribution)}</dd>
            </dl>
          </section>
          <Recordings items={call.recordings} />
          {call.transcript && (
            <section aria-labelledby="call-transcript" className="card">
              <h2 id="call-transcript">Transcript</h2>
              <p className="transcript">{call.transcript}</p>
            </section>
          )}
          <ScoreSection call={call} reload={reload} zone={zone} />
        </div>
        <section aria-labelledby="call-timeline" className="card call-story">
          <h2 id="call-timeline">Timeline</h2>
          <LoadedView loaded={timeline}>
            {(t) => <TimelineView timeline={t} start={call.startedAt} zone={zone} />}
          </LoadedView>
        </section>
      </div>
    </Page>
  );
}

function Recordings({ items }: { items: readonly Recording[] }) {
  return (
    <section aria-labelledby="call-recordings" className="card">
      <h2 id="call-recordings">Recordings</h2>
      {items.length === 0 && <p className="muted">No recording.</p>}
      <ul className="recordings">
        {items.map((r) => (
          <li key={r.id}>
            <span>
              {r.purpose === 'voicemail' ? 'Voicemail' : words(r.purpose)}{' '}
              {r.durationSecs !== null && `(${duration(r.durationSecs)})`}
            </span>
            {r.url ? (
              <audio
                controls
                preload="none"
                src={sameOrigin(r.url)}
                aria-label={`${words(r.purpose)} recording`}
              />
            ) : (
              <span className="muted">{recordingState(r)}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Why a recording has nothing to play. */
function recordingState(r: Recording): string {
  if (r.status === 'failed') return 'The copy failed.';
  if (r.status === 'deleted')
    return r.deletedReason === 'erasure'
      ? 'Deleted: the caller asked to be erased.'
      : 'Deleted at the end of its retention period.';
  return 'Being copied…';
}

/** The timeline as the api tells it, each entry at its time from the call's start. */
function TimelineView({
  timeline,
  start,
  zone,
}: {
  timeline: Timeline;
  start: string;
  zone: string | undefined;
}) {
  return (
    <>
      <ol className="timeline">
        {timeline.entries.map((e, i) => (
          <li key={i} className={`timeline-entry timeline-${e.kind}`}>
            <time dateTime={e.at} title={dateTime(e.at, zone)}>
              {sinceStart(start, e.at)}
            </time>
            <span className="timeline-kind">{words(e.kind)}</span>
            <span className="timeline-summary">{e.summary}</span>
            {'url' in e && e.url && (
              <audio controls preload="none" src={sameOrigin(e.url)} aria-label={e.summary} />
            )}
          </li>
        ))}
      </ol>
      {timeline.legs.length > 0 && (
        <DataTable
          caption="Agents rung"
          rows={timeline.legs}
          rowKey={(l) => l.callControlId}
          columns={[
            { header: 'Rung', cell: (l) => l.to },
            { header: 'Ring', cell: (l) => duration(l.ringSecs), numeric: true },
            { header: 'Answered', cell: (l) => (l.answered ? 'yes' : 'no') },
            { header: 'Talk', cell: (l) => duration(l.talkSecs), numeric: true },
            { header: 'Summary', cell: (l) => l.summary },
          ]}
        />
      )}
    </>
  );
}

/** The score, set by hand or given back to the rules, and who changed it. */
function ScoreSection({ call, reload, zone }: { call: Call; reload: () => void; zone: string | undefined }) {
  const { readOnly } = useSession();
  const path = { params: { path: { callId: call.id } } };
  const changes = useLoad(
    (api) => unwrap(api.GET('/v1/calls/{callId}/score-changes', path)),
    [call.id, call.score, call.leadStatus, call.scoreSource],
  );
  const save = useAction();
  const [draft, setDraft] = useState<{ leadStatus: ManualScore['leadStatus']; score: string; note: string }>({
    leadStatus: call.leadStatus,
    score: call.score === null ? '' : String(call.score),
    note: '',
  });
  const done = (r: unknown) => {
    if (r === undefined) return;
    setDraft((d) => ({ ...d, note: '' }));
    reload();
    changes.reload();
  };
  return (
    <section aria-labelledby="call-score" className="card">
      <h2 id="call-score">Score</h2>
      <p>
        <strong>{call.score ?? 'No score'}</strong> — {words(call.leadStatus)}{' '}
        <span className="muted">({call.scoreSource === 'manual' ? 'set by hand' : 'by the rules'})</span>
        {call.scoreReasons.length > 0 && (
          <span className="muted"> · rules matched: {call.scoreReasons.join(', ')}</span>
        )}
      </p>
      {!readOnly && (
        <form
          className="form form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            const body: ManualScore = {
              leadStatus: draft.leadStatus,
              score: draft.score === '' ? null : Number(draft.score),
              ...(draft.note ? { note: draft.note } : {}),
            };
            void save.run((api) => unwrap(api.PUT('/v1/calls/{callId}/score', { ...path, body }))).then(done);
          }}
        >
          <ProblemNotice problem={save.problem} shown={['leadStatus', 'score', 'note']} />
          <Field label="Lead status" name="leadStatus" problem={save.problem}>
            {(a) => (
              <select
                {...a}
                value={draft.leadStatus}
                onChange={(e) =>
                  setDraft({ ...draft, leadStatus: e.target.value as ManualScore['leadStatus'] })
                }
              >
                {LEAD_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {words(s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Score" name="score" problem={save.problem} hint="0–100; empty for none">
            {(a) => (
              <input
                {...a}
                type="number"
                min={0}
                max={100}
                value={draft.score}
                onChange={(e) => setDraft({ ...draft, score: e.target.value })}
              />
            )}
          </Field>
          <Field label="Note" name="note" problem={save.problem} hint="Why (kept in the audit trail)">
            {(a) => (
              <input
                {...a}
                value={draft.note}
                onChange={(e) => setDraft({ ...draft, note: e.target.value })}
              />
            )}
          </Field>
          <button type="submit" disabled={save.busy}>
            Save score
          </button>
          {call.scoreSource === 'manual' && (
            <button
              type="button"
              disabled={save.busy}
              onClick={() =>
                void save
                  .run((api) =>
                    unwrap(
                      api.DELETE('/v1/calls/{callId}/score', {
                        ...path,
                        body: draft.note ? { note: draft.note } : {},
                      }),
                    ),
                  )
                  .then(done)
              }
            >
              Back to the rules
            </button>
          )}
        </form>
      )}
      <h3>Changes by hand</h3>
      <LoadedView loaded={changes}>
        {(page) => (
          <DataTable
            caption="Score changes"
            rows={page.items}
            rowKey={(c) => c.id}
            empty="Never changed by hand."
            columns={[
              { header: 'When', cell: (c) => dateTime(c.changedAt, zone) },
              { header: 'Who', cell: (c) => c.actor },
              { header: 'Change', cell: (c) => words(c.action) },
              { header: 'From', cell: (c) => `${c.from.score ?? '—'} ${words(c.from.leadStatus)}` },
              { header: 'To', cell: (c) => `${c.to.score ?? '—'} ${words(c.to.leadStatus)}` },
              { header: 'Note', cell: (c) => c.note ?? '' },
            ]}
          />
        )}
      </LoadedView>
    </section>
  );
}
