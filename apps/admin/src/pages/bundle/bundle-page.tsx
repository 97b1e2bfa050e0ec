import { useState } from 'react';
import { unwrap } from '../../api/client';
import type { Body } from '../../api/types';
import { useSession } from '../../session';
import { useAction } from '../../use-api';
import { Field } from '../../ui/field';
import { Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { BundleChanges, type ApplyResult } from './bundle-changes';
import { ImportFromProperty } from './import-from-property';

type BundleBody = Body<'/v1/properties/{propertyId}/bundle/apply', 'post'>;

/** Saves a value as a JSON file the browser downloads. */
function download(name: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * The property's whole configuration as one bundle: export it to a file; apply one (previewed
 * first: the api's dry run answers what would change); or copy another property's configuration.
 */
export function BundlePage({ propertyId }: { propertyId: string }) {
  const { readOnly, properties } = useSession();
  const exported = useAction();
  const apply = useAction();
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState('');
  const [prune, setPrune] = useState(false);
  const [result, setResult] = useState<ApplyResult>();
  const name = properties.find((p) => p.id === propertyId)?.name ?? propertyId;

  const run = (dryRun: boolean) => {
    let bundle: BundleBody;
    try {
      bundle = JSON.parse(text) as BundleBody;
    } catch (err) {
      setParseError(`Not JSON: ${(err as Error).message}`);
      return;
    }
    setParseError('');
    setResult(undefined);
    void apply
      .run((api) =>
        unwrap(
          api.POST('/v1/properties/{propertyId}/bundle/apply', {
            params: {
              path: { propertyId },
              query: { dryRun: dryRun ? 'true' : 'false', prune: prune ? 'true' : 'false' },
            },
            body: bundle,
          }),
        ),
      )
      .then((r) => r && setResult(r));
  };

  return (
    <Page title="Export & import">
      <section aria-labelledby="export">
        <h2 id="export">Export</h2>
        <p>
          Sources, numbers, schedules, agents, audio, ring groups, voicemail boxes, flows and settings as one
          JSON file.
        </p>
        <ProblemNotice problem={exported.problem} />
        <button
          type="button"
          disabled={exported.busy}
          onClick={() =>
            void exported
              .run((api) =>
                unwrap(api.GET('/v1/properties/{propertyId}/bundle', { params: { path: { propertyId } } })),
              )
              .then((b) => b && download(`${name.replace(/[^\w.-]+/g, '-')}.bundle.json`, b))
          }
        >
          {exported.busy ? 'Exporting…' : 'Download bundle'}
        </button>
      </section>
      {!readOnly && (
        <section aria-labelledby="apply">
          <h2 id="apply">Apply a bundle</h2>
          <p>All or nothing. Preview first: it writes nothing and lists what would change.</p>
          <div className="form">
            <Field label="Bundle file" name="file">
              {(a) => (
                <input
                  {...a}
                  type="file"
                  accept="application/json,.json"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (file) void file.text().then(setText);
                  }}
                />
              )}
            </Field>
            <Field label="Bundle JSON" name="bundle" hint="Or paste it here">
              {(a) => (
                <textarea
                  {...a}
                  aria-invalid={Boolean(parseError)}
                  rows={12}
                  className="code"
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    setResult(undefined);
                  }}
                />
              )}
            </Field>
            {parseError && (
              <p className="field-error" role="alert">
                {parseError}
              </p>
            )}
            <label>
              <input type="checkbox" checked={prune} onChange={(e) => setPrune(e.target.checked)} /> Remove
              schedules, agents, audio, ring groups and voicemail boxes the bundle does not list
            </label>
            <div className="form-actions">
              <button
                type="button"
                className="secondary"
                disabled={apply.busy || !text}
                onClick={() => run(true)}
              >
                Preview
              </button>
              <button type="button" disabled={apply.busy || !text} onClick={() => run(false)}>
                Apply bundle
              </button>
            </div>
          </div>
          {/* A 422 names bundle paths (flows[0].steps[2].next): listed, as no input shows them. */}
          <ProblemNotice problem={apply.problem} />
          {result && <BundleChanges result={result} caption="Bundle changes" />}
        </section>
      )}
      {!readOnly && <ImportFromProperty propertyId={propertyId} />}
    </Page>
  );
}
