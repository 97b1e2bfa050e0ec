import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { BlobAudio } from '../../ui/blob-audio';
import { DataTable } from '../../ui/data-table';
import { DeleteButton } from '../../ui/delete-button';
import { LoadedView } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';

type Message = Ok<
  '/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}/messages',
  'get'
>['items'][number];

const PAGE = 25;
const FILTERS = { all: 'All', false: 'Not yet heard', true: 'Heard' } as const;

const duration = (secs: number | null): string =>
  secs === null ? '—' : `${Math.floor(secs / 60)}:${String(Math.round(secs % 60)).padStart(2, '0')}`;

/**
 * A box's messages, newest first: who called and when, how long, the recording (fetched with the
 * key, played from a blob), heard or not, and the call it came from.
 */
export function MessagesTable({ propertyId, boxId }: { propertyId: string; boxId: string }) {
  const { readOnly } = useSession();
  const [filter, setFilter] = useState<keyof typeof FILTERS>('all');
  const [offset, setOffset] = useState(0);
  const messages = useLoad(
    (api) =>
      unwrap(
        api.GET('/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}/messages', {
          params: {
            path: { propertyId, voicemailBoxId: boxId },
            query: { limit: PAGE, offset, ...(filter === 'all' ? {} : { heard: filter }) },
          },
        }),
      ),
    [propertyId, boxId, filter, offset],
  );
  const mark = useAction();
  const path = (m: Message) => ({ params: { path: { propertyId, voicemailBoxId: boxId, messageId: m.id } } });
  return (
    <>
      <p className="form-row">
        <label>
          Show{' '}
          <select
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as keyof typeof FILTERS);
              setOffset(0);
            }}
          >
            {Object.entries(FILTERS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </p>
      <ProblemNotice problem={mark.problem} />
      <LoadedView loaded={messages}>
        {(page) => (
          <>
            <DataTable
              caption="Voicemail messages"
              rows={page.items}
              rowKey={(m) => m.id}
              empty="No message."
              columns={[
                { header: 'Received', cell: (m) => new Date(m.receivedAt).toLocaleString() },
                { header: 'Caller', cell: (m) => m.from },
                { header: 'Length', cell: (m) => duration(m.durationSecs), numeric: true },
                {
                  header: 'Listen',
                  cell: (m) =>
                    m.recording?.status === 'failed' ? (
                      <span className="muted">Recording lost</span>
                    ) : (
                      <BlobAudio
                        label={`the message from ${m.from}`}
                        load={(api) =>
                          unwrap<Blob>(
                            api.GET(
                              '/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}/messages/{messageId}/recording',
                              { ...path(m), parseAs: 'blob' },
                            ),
                          )
                        }
                      />
                    ),
                },
                {
                  header: 'Heard',
                  cell: (m) => (
                    <span>
                      {m.heard ? 'Heard' : <strong>New</strong>}{' '}
                      {!readOnly && (
                        <button
                          type="button"
                          className="link-button"
                          disabled={mark.busy}
                          onClick={() =>
                            void mark
                              .run((api) =>
                                unwrap(
                                  api.PATCH(
                                    '/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}/messages/{messageId}',
                                    { ...path(m), body: { heard: !m.heard } },
                                  ),
                                ),
                              )
                              .then((done) => done && messages.reload())
                          }
                        >
                          {m.heard ? 'Mark unheard' : 'Mark heard'}
                          <span className="visually-hidden"> (message from {m.from})</span>
                        </button>
                      )}
                    </span>
                  ),
                },
                {
                  header: 'Call',
                  cell: (m) => <Link to={`/calls/${encodeURIComponent(m.callId)}`}>Call details</Link>,
                },
                ...(readOnly
                  ? []
                  : [
                      {
                        header: 'Actions',
                        cell: (m: Message) => (
                          <DeleteButton
                            what={`message from ${m.from}`}
                            remove={(api) =>
                              unwrap(
                                api.DELETE(
                                  '/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}/messages/{messageId}',
                                  path(m),
                                ),
                              )
                            }
                            onDeleted={messages.reload}
                          />
                        ),
                      },
                    ]),
              ]}
            />
            {page.total > PAGE && (
              <p className="pager">
                <button
                  type="button"
                  className="secondary"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE))}
                >
                  Newer
                </button>{' '}
                <span>
                  {offset + 1}–{Math.min(offset + PAGE, page.total)} of {page.total}
                </span>{' '}
                <button
                  type="button"
                  className="secondary"
                  disabled={offset + PAGE >= page.total}
                  onClick={() => setOffset(offset + PAGE)}
                >
                  Older
                </button>
              </p>
            )}
          </>
        )}
      </LoadedView>
    </>
  );
}
