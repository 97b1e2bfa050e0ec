import { unwrap } from '../../api/client';
import { navigate } from '../../router';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { PropertyRetention } from '../privacy/property-retention';
import { PropertyForm } from './property-form';

/** A property's own settings, and deleting it. */
export function PropertySettingsPage({ propertyId }: { propertyId: string }) {
  const { readOnly, reloadProperties } = useSession();
  const loaded = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}', { params: { path: { propertyId } } })),
    [propertyId],
  );
  const save = useAction();
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
