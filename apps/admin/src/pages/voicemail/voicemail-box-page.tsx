import { unwrap } from '../../api/client';
import { Link, navigate } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DeleteButton } from '../../ui/delete-button';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { MessagesTable } from './messages-table';
import { BOX_FIELDS, VoicemailBoxForm, type VoicemailBoxBody } from './voicemail-box-form';

/** One voicemail box (or a new one, at `…/voicemail/new`): its settings and its messages. */
export function VoicemailBoxPage({ propertyId, boxId }: { propertyId: string; boxId: string }) {
  const { readOnly } = useSession();
  const isNew = boxId === 'new';
  const loaded = useLoad(
    async (api) => {
      const path = { params: { path: { propertyId } } };
      const [box, agents, audio] = await Promise.all([
        isNew
          ? null
          : unwrap(
              api.GET('/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}', {
                params: { path: { propertyId, voicemailBoxId: boxId } },
              }),
            ),
        unwrap(api.GET('/v1/properties/{propertyId}/agents', path)),
        unwrap(api.GET('/v1/properties/{propertyId}/audio', path)),
      ]);
      return { box, agents: agents.items, audio: audio.items };
    },
    [propertyId, boxId],
  );
  const save = useAction();
  const submit = (body: VoicemailBoxBody, savedId: string | undefined) =>
    void save
      .run((api) =>
        savedId
          ? unwrap(
              api.PUT('/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}', {
                params: { path: { propertyId, voicemailBoxId: savedId } },
                body: { ...body, id: savedId },
              }),
            )
          : unwrap(
              api.POST('/v1/properties/{propertyId}/voicemail-boxes', {
                params: { path: { propertyId } },
                body,
              }),
            ),
      )
      .then((result) => {
        if (!result) return;
        if (!savedId)
          navigate(propertyPath(propertyId, 'voicemail', `/${encodeURIComponent(result.id)}`), {
            replace: true,
          });
        else loaded.reload();
      });

  return (
    <LoadedView loaded={loaded}>
      {({ box, agents, audio }) => (
        <Page title={box ? `Voicemail box: ${box.name}` : 'New voicemail box'}>
          <p>
            <Link to={propertyPath(propertyId, 'voicemail')}>All voicemail boxes</Link>
          </p>
          {box && (
            <section aria-labelledby="messages">
              <h2 id="messages">Messages</h2>
              <MessagesTable propertyId={propertyId} boxId={box.id} />
            </section>
          )}
          <section aria-labelledby="settings">
            <h2 id="settings">{box ? 'Settings' : 'The new box'}</h2>
            <ProblemNotice
              problem={save.problem}
              shown={save.problem?.fields.map((f) => f.field).filter((f) => BOX_FIELDS.test(f))}
            />
            <VoicemailBoxForm
              key={box ? `${box.id}@${String(box.updatedAt)}` : 'new'}
              saved={box}
              agents={agents}
              audio={audio}
              problem={save.problem}
              busy={save.busy}
              readOnly={readOnly}
              onSubmit={(body) => submit(body, box?.id)}
            />
          </section>
          {box && !readOnly && (
            <section aria-labelledby="delete-box">
              <h2 id="delete-box">Delete</h2>
              <DeleteButton
                what={`voicemail box ${box.name}`}
                remove={(api) =>
                  unwrap(
                    api.DELETE('/v1/properties/{propertyId}/voicemail-boxes/{voicemailBoxId}', {
                      params: { path: { propertyId, voicemailBoxId: box.id } },
                    }),
                  )
                }
                onDeleted={() => navigate(propertyPath(propertyId, 'voicemail'))}
              />
            </section>
          )}
        </Page>
      )}
    </LoadedView>
  );
}
