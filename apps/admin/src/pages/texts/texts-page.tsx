import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';

type TextRouting = Ok<'/v1/properties/{propertyId}/text-routing', 'get'>;
type EmailRouting = Ok<'/v1/properties/{propertyId}/email-routing', 'get'>;

/**
 * Where the property's inbound texts and tracked emails go. The conversations and emails
 * themselves are in the inbox (inbox-page.tsx).
 */
export function TextsPage({ propertyId }: { propertyId: string }) {
  const path = { params: { path: { propertyId } } };
  const texts = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/text-routing', path)),
    [propertyId],
  );
  const emails = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/email-routing', path)),
    [propertyId],
  );
  return (
    <Page title="Texts & emails">
      <p>
        The texts and emails received are in the{' '}
        <Link to={propertyPath(propertyId, 'texts', '/inbox')}>texts &amp; emails received</Link>. Each
        source&apos;s tracking email address is on its page under Sources.
      </p>
      <section aria-labelledby="text-routing">
        <h2 id="text-routing">Text routing</h2>
        <LoadedView loaded={texts}>
          {(t) => (
            <TextRoutingForm
              key={JSON.stringify(t)}
              propertyId={propertyId}
              routing={t}
              saved={texts.reload}
            />
          )}
        </LoadedView>
      </section>
      <section aria-labelledby="email-routing">
        <h2 id="email-routing">Email routing</h2>
        <LoadedView loaded={emails}>
          {(e) => (
            <EmailRoutingForm
              key={JSON.stringify(e)}
              propertyId={propertyId}
              routing={e}
              saved={emails.reload}
            />
          )}
        </LoadedView>
      </section>
    </Page>
  );
}

/** Inbound texts forwarded to a phone, announced to a webhook, or both; an empty field turns that part off. */
function TextRoutingForm({
  propertyId,
  routing,
  saved,
}: {
  propertyId: string;
  routing: TextRouting;
  saved: () => void;
}) {
  const { readOnly } = useSession();
  const save = useAction();
  const [forwardTo, setForwardTo] = useState(routing.forwardTo ?? '');
  const [notify, setNotify] = useState(routing.notifyWebhookUrl ?? '');
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save
          .run((api) =>
            unwrap(
              api.PUT('/v1/properties/{propertyId}/text-routing', {
                params: { path: { propertyId } },
                body: { forwardTo: forwardTo.trim() || null, notifyWebhookUrl: notify.trim() || null },
              }),
            ),
          )
          .then((ok) => ok && saved());
      }}
    >
      <ProblemNotice problem={save.problem} shown={['forwardTo', 'notifyWebhookUrl']} />
      <fieldset disabled={readOnly || save.busy}>
        <Field
          label="Forward texts to"
          name="forwardTo"
          problem={save.problem}
          hint="A phone (E.164); empty: not forwarded"
        >
          {(a) => <input {...a} value={forwardTo} onChange={(e) => setForwardTo(e.target.value)} />}
        </Field>
        <Field
          label="Notify webhook URL"
          name="notifyWebhookUrl"
          problem={save.problem}
          hint="Gets a signed text.received for each text (see the notification secret under Webhooks)"
        >
          {(a) => <input {...a} value={notify} onChange={(e) => setNotify(e.target.value)} />}
        </Field>
        {!readOnly && <button type="submit">{save.busy ? 'Saving…' : 'Save text routing'}</button>}
      </fieldset>
    </form>
  );
}

/** The inbox tracked mail is forwarded to. */
function EmailRoutingForm({
  propertyId,
  routing,
  saved,
}: {
  propertyId: string;
  routing: EmailRouting;
  saved: () => void;
}) {
  const { readOnly } = useSession();
  const save = useAction();
  const [forwardTo, setForwardTo] = useState(routing.forwardTo ?? '');
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void save
          .run((api) =>
            unwrap(
              api.PUT('/v1/properties/{propertyId}/email-routing', {
                params: { path: { propertyId } },
                body: { forwardTo: forwardTo.trim() },
              }),
            ),
          )
          .then((ok) => ok && saved());
      }}
    >
      <ProblemNotice problem={save.problem} shown={['forwardTo']} />
      <fieldset disabled={readOnly || save.busy}>
        <Field
          label="Forward emails to"
          name="forwardTo"
          problem={save.problem}
          hint="e.g. the leasing office's inbox"
        >
          {(a) => (
            <input
              {...a}
              inputMode="email"
              value={forwardTo}
              onChange={(e) => setForwardTo(e.target.value)}
            />
          )}
        </Field>
        {routing.updatedAt && (
          <p className="muted">Last changed {new Date(routing.updatedAt).toLocaleString()}.</p>
        )}
        {!readOnly && <button type="submit">{save.busy ? 'Saving…' : 'Save email routing'}</button>}
      </fieldset>
    </form>
  );
}
