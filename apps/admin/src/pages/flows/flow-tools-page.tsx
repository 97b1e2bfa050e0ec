import { useState } from 'react';
import type { CallFlow } from '@switchboard/domain';
import { unwrap } from '../../api/client';
import { Link } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { TryItPanel } from './panels/try-it-panel';
import { UsePanel } from './panels/use-panel';
import { VersionsPanel } from './panels/versions-panel';

/**
 * A flow's tools without the canvas: try it, versions and use, on the saved flow (or a restored
 * version, until it is saved). The editor mounts the same panels beside its canvas.
 */
export function FlowToolsPage({ propertyId, flowId }: { propertyId: string; flowId: string }) {
  const { readOnly } = useSession();
  const loaded = useLoad(
    (api) =>
      unwrap(
        api.GET('/v1/properties/{propertyId}/call-flows/{flowId}', {
          params: { path: { propertyId, flowId }, query: {} },
        }),
      ),
    [propertyId, flowId],
  );
  const [edited, setEdited] = useState<CallFlow>();
  const [path, setPath] = useState<readonly string[] | null>(null);
  const save = useAction();
  return (
    <LoadedView loaded={loaded}>
      {(saved) => {
        const current = edited ?? saved.definition;
        return (
          <Page
            title={`${saved.name}: tools`}
            actions={
              <Link to={propertyPath(propertyId, 'flows', `/${encodeURIComponent(flowId)}`)}>
                Open the editor
              </Link>
            }
          >
            <p className="flow-version">
              Version {saved.version}
              {edited && <strong> — restored version in the editor, not saved</strong>}
            </p>
            {edited && !readOnly && (
              <>
                <ProblemNotice problem={save.problem} />
                <button
                  type="button"
                  disabled={save.busy}
                  onClick={() =>
                    void save
                      .run((api) =>
                        unwrap(
                          api.PUT('/v1/properties/{propertyId}/call-flows/{flowId}', {
                            params: { path: { propertyId, flowId } },
                            body: { definition: { ...edited } },
                          }),
                        ),
                      )
                      .then((done) => {
                        if (!done) return;
                        setEdited(undefined);
                        loaded.reload();
                      })
                  }
                >
                  Save as a new version
                </button>
              </>
            )}
            {path && (
              <p className="flow-path" aria-label="Lit path">
                Lit path: {path.join(' → ')}
              </p>
            )}
            <div className="flow-tools">
              <TryItPanel propertyId={propertyId} flowId={flowId} flow={current} onPath={setPath} />
              <VersionsPanel
                key={saved.version}
                propertyId={propertyId}
                flowId={flowId}
                current={current}
                onRestore={setEdited}
              />
              <UsePanel propertyId={propertyId} flowId={flowId} />
            </div>
          </Page>
        );
      }}
    </LoadedView>
  );
}
