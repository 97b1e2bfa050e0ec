import { useState } from 'react';
import type { AgentEndpoint } from '@switchboard/domain';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { DataTable } from '../../ui/data-table';
import { DeleteButton } from '../../ui/delete-button';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { AgentForm, addressOf, endpointOf, ENDPOINT_KINDS, type AgentFields } from './agent-form';
import { PresenceBadge } from './presence-badge';
import { SignInLink } from './sign-in-link';
import { usePresence } from './use-presence';

type Agent = Ok<'/v1/properties/{propertyId}/agents', 'get'>['items'][number];

const FORM_FIELDS = ['name', 'id', 'endpoint.kind', 'endpoint.number', 'endpoint.uri', 'endpoint.username'];

/** The people ring groups ring and voicemail boxes belong to, with who is reachable right now. */
export function AgentsPage({ propertyId }: { propertyId: string }) {
  const { readOnly } = useSession();
  const path = { params: { path: { propertyId } } };
  const agents = useLoad((api) => unwrap(api.GET('/v1/properties/{propertyId}/agents', path)), [propertyId]);
  const presence = usePresence(propertyId);
  const add = useAction();
  const edit = useAction();
  const [editing, setEditing] = useState<Agent>();
  const [formKey, setFormKey] = useState(0);

  return (
    <Page title="Agents">
      <LoadedView loaded={agents}>
        {(page) => (
          <DataTable
            caption="Agents"
            rows={page.items}
            rowKey={(a) => a.id}
            empty="No agent yet."
            columns={[
              { header: 'Name', cell: (a) => a.name },
              { header: 'Id', cell: (a) => <code>{a.id}</code> },
              {
                header: 'Reached by',
                cell: (a) => {
                  const e = a.endpoint as AgentEndpoint;
                  return `${ENDPOINT_KINDS[e.kind].label}: ${addressOf(e)}`;
                },
              },
              { header: 'Available', cell: (a) => (a.available ? 'Yes' : 'No') },
              {
                header: 'Presence',
                cell: (a) => (
                  <PresenceBadge
                    presence={presence.get(a.id)}
                    browser={(a.endpoint as AgentEndpoint).kind === 'webrtc'}
                  />
                ),
              },
              ...(readOnly
                ? []
                : [
                    {
                      header: 'Actions',
                      cell: (a: Agent) => (
                        <div className="row-actions">
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => {
                              edit.clear();
                              setEditing(a);
                            }}
                          >
                            Edit<span className="visually-hidden"> {a.name}</span>
                          </button>
                          {(a.endpoint as AgentEndpoint).kind === 'webrtc' && (
                            <SignInLink propertyId={propertyId} agentId={a.id} name={a.name} />
                          )}
                          <DeleteButton
                            what={`agent ${a.name}`}
                            remove={(api) =>
                              unwrap(
                                api.DELETE('/v1/properties/{propertyId}/agents/{agentId}', {
                                  params: { path: { propertyId, agentId: a.id } },
                                }),
                              )
                            }
                            onDeleted={agents.reload}
                          />
                        </div>
                      ),
                    },
                  ]),
            ]}
          />
        )}
      </LoadedView>
      {!readOnly && editing && (
        <section aria-labelledby="edit-agent">
          <h2 id="edit-agent">Edit {editing.name}</h2>
          <ProblemNotice problem={edit.problem} shown={FORM_FIELDS} />
          <AgentForm
            key={editing.id}
            isNew={false}
            initial={{
              id: editing.id,
              name: editing.name,
              kind: (editing.endpoint as AgentEndpoint).kind,
              address: addressOf(editing.endpoint),
              available: editing.available,
            }}
            problem={edit.problem}
            busy={edit.busy}
            submitLabel="Save agent"
            onCancel={() => setEditing(undefined)}
            onSubmit={(f) =>
              void edit
                .run((api) =>
                  unwrap(
                    api.PATCH('/v1/properties/{propertyId}/agents/{agentId}', {
                      params: { path: { propertyId, agentId: editing.id } },
                      body: { name: f.name, endpoint: endpointOf(f), available: f.available },
                    }),
                  ),
                )
                .then((saved) => {
                  if (!saved) return;
                  setEditing(undefined);
                  agents.reload();
                })
            }
          />
        </section>
      )}
      {!readOnly && (
        <section aria-labelledby="add-agent">
          <h2 id="add-agent">Add an agent</h2>
          <ProblemNotice problem={add.problem} shown={FORM_FIELDS} />
          <AgentForm
            key={formKey}
            isNew
            initial={{ id: '', name: '', kind: 'phone', address: '', available: true }}
            problem={add.problem}
            busy={add.busy}
            submitLabel="Add agent"
            onSubmit={(f: AgentFields) =>
              void add
                .run((api) =>
                  unwrap(
                    api.POST('/v1/properties/{propertyId}/agents', {
                      ...path,
                      body: {
                        ...(f.id.trim() ? { id: f.id.trim() } : {}),
                        name: f.name,
                        endpoint: endpointOf(f),
                        available: f.available,
                      },
                    }),
                  ),
                )
                .then((created) => {
                  if (!created) return;
                  setFormKey((k) => k + 1);
                  agents.reload();
                })
            }
          />
        </section>
      )}
    </Page>
  );
}
