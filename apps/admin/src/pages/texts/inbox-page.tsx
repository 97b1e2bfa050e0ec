import { useState } from 'react';
import { unwrap } from '../../api/client';
import { dateTime, words } from '../../format';
import { Link, navigate, useLocation } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { Pager } from '../../ui/pager';

const PAGE_SIZE = 50;

/**
 * The property's texts and emails, beside its calls: conversations (one per tracking number and
 * person) and received emails, each filtered by source (what the api filters them by) and paged.
 */
export function InboxPage({ propertyId }: { propertyId: string }) {
  const { query } = useLocation();
  const { properties } = useSession();
  const zone = properties.find((p) => p.id === propertyId)?.timeZone;
  const tab = query.get('tab') === 'emails' ? 'emails' : 'texts';
  const sourceId = query.get('sourceId') || undefined;
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const base = propertyPath(propertyId, 'texts');
  const inbox = `${base}/inbox`;
  const to = (next: { tab?: string; sourceId?: string; offset?: number }) => {
    const q = new URLSearchParams();
    const t = next.tab ?? tab;
    if (t === 'emails') q.set('tab', t);
    const s = 'sourceId' in next ? next.sourceId : sourceId;
    if (s) q.set('sourceId', s);
    if (next.offset) q.set('offset', String(next.offset));
    return q.size ? `${inbox}?${q.toString()}` : inbox;
  };
  const path = { propertyId };
  const pageQuery = { ...(sourceId ? { sourceId } : {}), limit: PAGE_SIZE, offset };
  const sources = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/sources', { params: { path } })),
    [propertyId],
  );
  const list = useLoad(
    async (api) =>
      tab === 'emails'
        ? {
            kind: 'emails' as const,
            page: await unwrap(
              api.GET('/v1/properties/{propertyId}/emails', { params: { path, query: pageQuery } }),
            ),
          }
        : {
            kind: 'texts' as const,
            page: await unwrap(
              api.GET('/v1/properties/{propertyId}/conversations', { params: { path, query: pageQuery } }),
            ),
          },
    [propertyId, tab, sourceId, offset],
  );
  return (
    <Page title="Texts & emails received" actions={<Link to={base}>Routing settings</Link>}>
      <div className="tabs" role="tablist" aria-label="Texts or emails">
        {(['texts', 'emails'] as const).map((t) => (
          <Link
            key={t}
            to={to({ tab: t, offset: 0 })}
            role="tab"
            aria-selected={tab === t}
            aria-current={tab === t ? 'page' : undefined}
          >
            {t === 'texts' ? 'Text conversations' : 'Emails'}
          </Link>
        ))}
      </div>
      <div className="form form-inline">
        <Field label="Source" name="sourceId">
          {(a) => (
            <select
              {...a}
              value={sourceId ?? ''}
              onChange={(e) => navigate(to({ sourceId: e.target.value || undefined, offset: 0 }))}
            >
              <option value="">Any source</option>
              {(sources.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <LoadedView loaded={list}>
        {(l) => (
          <>
            {l.kind === 'texts' ? (
              <DataTable
                caption="Text conversations, most recent first"
                rows={l.page.items}
                rowKey={(c) => c.id}
                empty="No text conversation."
                columns={[
                  {
                    header: 'Last message',
                    cell: (c) => (
                      <Link to={`${base}/conversations/${c.id}`}>{dateTime(c.lastMessageAt, zone)}</Link>
                    ),
                  },
                  { header: 'Person', cell: (c) => c.externalNumber },
                  { header: 'Tracking number', cell: (c) => c.trackingNumber },
                  { header: 'Source', cell: (c) => c.sourceName ?? '—' },
                  { header: 'Opted out', cell: (c) => (c.optedOut ? 'yes' : '') },
                  {
                    header: 'Lead',
                    cell: (c) => (c.score === null ? '' : `${c.score} · ${words(c.leadStatus)}`),
                  },
                ]}
              />
            ) : (
              <DataTable
                caption="Received emails, newest first"
                rows={l.page.items}
                rowKey={(e) => e.id}
                empty="No email received."
                columns={[
                  {
                    header: 'Received',
                    cell: (e) => <Link to={`${base}/emails/${e.id}`}>{dateTime(e.receivedAt, zone)}</Link>,
                  },
                  { header: 'From', cell: (e) => e.from },
                  { header: 'Subject', cell: (e) => e.subject ?? '(no subject)' },
                  { header: 'Source', cell: (e) => e.sourceName ?? '—' },
                  { header: 'Forwarding', cell: (e) => words(e.forward.status) },
                ]}
              />
            )}
            <Pager
              label="Pages"
              offset={offset}
              pageSize={PAGE_SIZE}
              total={l.page.total}
              go={(o) => navigate(to({ offset: o }))}
            />
          </>
        )}
      </LoadedView>
    </Page>
  );
}

/** One conversation, oldest message first, and a reply from the tracking number. */
export function ConversationPage({
  propertyId,
  conversationId,
}: {
  propertyId: string;
  conversationId: string;
}) {
  const { readOnly, properties } = useSession();
  const zone = properties.find((p) => p.id === propertyId)?.timeZone;
  const path = { params: { path: { propertyId, conversationId } } };
  const convo = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/conversations/{conversationId}', path)),
    [conversationId],
  );
  const send = useAction();
  const [text, setText] = useState('');
  return (
    <LoadedView loaded={convo}>
      {(c) => (
        <Page
          title={`Texts with ${c.externalNumber}`}
          actions={<Link to={propertyPath(propertyId, 'texts', '/inbox')}>All conversations</Link>}
        >
          <p className="muted">
            To {c.trackingNumber} · {c.sourceName ?? 'no source'} {c.optedOut && '· opted out'}
            {c.score !== null &&
              ` · score ${c.score}, ${words(c.leadStatus)}` +
                (c.scoreReasons.length ? ` (${c.scoreReasons.join(', ')})` : '')}
          </p>
          <ol className="messages">
            {c.messages.map((m) => (
              <li key={m.id} className={`message message-${m.direction}`}>
                <span className="message-meta">
                  {m.direction === 'inbound' ? c.externalNumber : 'Us'} · {dateTime(m.occurredAt, zone)}
                  {m.kind !== 'text' && ` · ${words(m.kind)}`}
                  {m.status === 'failed' && ` · failed: ${m.error ?? ''}`}
                </span>
                <span className="message-body">{m.body}</span>
              </li>
            ))}
          </ol>
          {!readOnly && !c.optedOut && (
            <form
              className="form"
              onSubmit={(e) => {
                e.preventDefault();
                void send
                  .run((api) =>
                    unwrap(
                      api.POST('/v1/properties/{propertyId}/conversations/{conversationId}/messages', {
                        ...path,
                        body: { text },
                      }),
                    ),
                  )
                  .then((r) => {
                    if (r === undefined) return;
                    setText('');
                    convo.reload();
                  });
              }}
            >
              <ProblemNotice problem={send.problem} shown={['text']} />
              <Field label="Reply" name="text" problem={send.problem}>
                {(a) => <textarea {...a} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
              </Field>
              <button type="submit" disabled={send.busy || text.trim() === ''}>
                Send reply
              </button>
            </form>
          )}
        </Page>
      )}
    </LoadedView>
  );
}

/** One received email, its text, and forwarding it again when it was not sent. */
export function EmailPage({ propertyId, emailId }: { propertyId: string; emailId: string }) {
  const { readOnly, properties } = useSession();
  const zone = properties.find((p) => p.id === propertyId)?.timeZone;
  const path = { params: { path: { propertyId, emailId } } };
  const email = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/emails/{emailId}', path)),
    [emailId],
  );
  const forward = useAction();
  return (
    <LoadedView loaded={email}>
      {(e) => (
        <Page
          title={e.subject || '(no subject)'}
          actions={<Link to={propertyPath(propertyId, 'texts', '/inbox?tab=emails')}>All emails</Link>}
        >
          <dl className="facts">
            <dt>From</dt>
            <dd>{e.from}</dd>
            <dt>To</dt>
            <dd>{e.to.join(', ')}</dd>
            <dt>Received</dt>
            <dd>{dateTime(e.receivedAt, zone)}</dd>
            <dt>Source</dt>
            <dd>{e.sourceName ?? '—'}</dd>
            <dt>Forwarding</dt>
            <dd>
              {words(e.forward.status)}
              {e.forward.to && ` to ${e.forward.to}`}
              {e.forward.error && <span className="muted"> ({e.forward.error})</span>}
            </dd>
          </dl>
          <ProblemNotice problem={forward.problem} />
          {!readOnly && (e.forward.status === 'forward_failed' || e.forward.status === 'no_destination') && (
            <button
              type="button"
              disabled={forward.busy}
              onClick={() =>
                void forward
                  .run((api) =>
                    unwrap(api.POST('/v1/properties/{propertyId}/emails/{emailId}/forward', path)),
                  )
                  .then((r) => r !== undefined && email.reload())
              }
            >
              Forward again
            </button>
          )}
          <pre className="email-body">{e.text ?? '(no text part)'}</pre>
          {e.truncated && <p className="muted">The message was longer; it was cut when stored.</p>}
        </Page>
      )}
    </LoadedView>
  );
}
