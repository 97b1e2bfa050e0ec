import { unwrap } from '../../api/client';
import { useLoad } from '../../use-api';
import { CopyButton } from '../../ui/copy-button';
import { LoadedView, Page } from '../../ui/page';
import { DniSettingsForm } from './dni-settings-form';
import { Pools } from './pools';

/** The tag a website pastes once: the script is addressed by the property's public DNI key, never its id. */
export const dniSnippet = (origin: string, dniKey: string): string =>
  `<script src="${origin}/dni/${encodeURIComponent(dniKey)}.js" async></script>`;

/** Website number swapping: the snippet to paste, the settings, and the keyword pools. */
export function DniPage({ propertyId }: { propertyId: string }) {
  const settings = useLoad(
    (api) => unwrap(api.GET('/v1/properties/{propertyId}/dni', { params: { path: { propertyId } } })),
    [propertyId],
  );
  return (
    <Page title="Website (DNI)">
      <LoadedView loaded={settings}>
        {(s) => {
          const snippet = dniSnippet(window.location.origin, s.dniKey);
          return (
            <>
              <section aria-labelledby="dni-snippet">
                <h2 id="dni-snippet">Snippet</h2>
                <p>
                  Paste this tag into every page of the website (before <code>&lt;/body&gt;</code>). Add the
                  site&apos;s origin to the allowed origins below.
                </p>
                <pre className="snippet" aria-label="DNI snippet">
                  <code>{snippet}</code>
                </pre>
                <CopyButton text={snippet} label="Copy snippet" />
              </section>
              <section aria-labelledby="dni-settings">
                <h2 id="dni-settings">Settings</h2>
                <DniSettingsForm
                  key={JSON.stringify(s)}
                  propertyId={propertyId}
                  settings={s}
                  saved={settings.reload}
                />
              </section>
            </>
          );
        }}
      </LoadedView>
      <Pools propertyId={propertyId} />
    </Page>
  );
}
