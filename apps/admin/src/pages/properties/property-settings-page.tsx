import { unwrap } from '../../api/client';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { PropertyRetention } from '../privacy/property-retention';
import type { Prompt } from '@switchboard/domain';
import { PropertyForm } from './property-form';
import { RecordingDisclosureForm } from './recording-disclosure-form';

/** A property's own settings, and deleting it. */
export function PropertySettingsPage({ propertyId }: { propertyId: string }) {
  const { readOnly, reloadProperties } = useSession();
  const loaded = useLoad(
    async (api) => {
      const path = { params: { path: { propertyId } } };
      const [property, audio] = await Promise.all([
        unwrap(api.GET('/v1/properties/{propertyId}', path)),
        unwrap(api.GET('/v1/properties/{propertyId}/audio', path)),
      ]);
      return { ...property, audio: audio.items };
    },
    [propertyId],
  );
  const save = useAction();
  const disclose = useAction();
  const remove = useAction();
  return (
    <Page title="Property settings">
      <LoadedView loaded={loaded}>
        {(p) => (
          <>
            <ProblemNotice problem={save.problem} shown={['name', 'timeZone', 'address', 'phone']} />
            <PropertyForm
              initial={{
                name: p.name,
                timeZone: p.timeZone,
                address: p.address ?? undefined,
                phone: p.phone ?? undefined,
              }}
              problem={save.problem}
              busy={save.busy}
              readOnly={readOnly}
              submitLabel="Save"
              onSubmit={(body) =>
                void save.run(async (api) => {
                  await unwrap(
                    api.PATCH('/v1/properties/{propertyId}', { params: { path: { propertyId } }, body }),
                  );
                  await reloadProperties();
                  loaded.reload();
                })
              }
            />
            <section aria-labelledby="disclosure">
              <h2 id="disclosure">Recording disclosure</h2>
              <ProblemNotice
                problem={disclose.problem}
                shown={['recordingDisclosure', 'recordingDisclosure.text', 'requireRecordingDisclosure']}
              />
              <p role="status" className={disclose.problem || disclose.busy ? 'visually-hidden' : 'muted'}>
                {p.recordingDisclosure
                  ? 'Recording flows without their own disclosure play this one first.'
                  : 'No default: recording flows without their own disclosure tell callers nothing.'}
              </p>
              <RecordingDisclosureForm
                // Saved settings come back from the api: start the form from them again.
                key={JSON.stringify([p.recordingDisclosure, p.requireRecordingDisclosure])}
                initial={{
                  recordingDisclosure: (p.recordingDisclosure ?? null) as Prompt | null,
                  requireRecordingDisclosure: p.requireRecordingDisclosure,
                }}
                audio={p.audio}
                problem={disclose.problem}
                busy={disclose.busy}
                readOnly={readOnly}
                onSubmit={(body) =>
                  void disclose.run(async (api) => {
                    await unwrap(
                      api.PATCH('/v1/properties/{propertyId}', {
                        params: { path: { propertyId } },
                        body: {
                          ...body,
                          recordingDisclosure: body.recordingDisclosure as Record<string, unknown> | null,
                        },
                      }),
                    );
                    loaded.reload();
                  })
                }
              />
            </section>
            <PropertyRetention propertyId={propertyId} readOnly={readOnly} />
            {!readOnly && (
              <section aria-labelledby="danger">
                <h2 id="danger">Delete this property</h2>
                <ProblemNotice problem={remove.problem} />
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    if (!window.confirm(`Delete ${p.name} and everything it holds?`)) return;
                    void remove.run(async (api) => {
                      await unwrap(
                        api.DELETE('/v1/properties/{propertyId}', { params: { path: { propertyId } } }),
                      );
                      await reloadProperties();
                      navigate('/properties');
                    });
                  }}
                >
                  Delete property
                </button>
              </section>
            )}
          </>
        )}
      </LoadedView>
    </Page>
  );
}
