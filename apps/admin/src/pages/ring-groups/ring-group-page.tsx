import { useState } from 'react';
import type { AgentEndpoint, RingStrategy } from '@switchboard/domain';
import { unwrap } from '../../api/client';
import { Link, navigate } from '../../router';
import { propertyPath } from '../../sections';
import { useSession } from '../../session';
import { useAction, useLoad } from '../../use-api';
import { EditForm } from '../../ui/edit-form';
import { DeleteButton } from '../../ui/delete-button';
import { Field } from '../../ui/field';
import { LoadedView, Page } from '../../ui/page';
import { ProblemNotice } from '../../ui/problem-notice';
import { PromptInput } from '../../ui/prompt-input';
import { SavedNotice, type SaveNote } from '../../ui/saved-notice';
import { usePresence } from '../agents/use-presence';
import { MembersEditor, type AgentChoice } from './members-editor';
import {
  bodyOf,
  draftOf,
  newDraft,
  STRATEGIES,
  type RingGroupDraft,
  type SavedRingGroup,
} from './ring-group-draft';
import { ResourceNameFields } from '../../ui/resource-name-fields';

/** One ring group (or a new one, at `…/ring-groups/new`), with the agents and audio it can use. */
export function RingGroupPage({ propertyId, ringGroupId }: { propertyId: string; ringGroupId: string }) {
  const isNew = ringGroupId === 'new';
  const [note, setNote] = useState<SaveNote>();
  const loaded = useLoad(
    async (api) => {
      const path = { params: { path: { propertyId } } };
      const [group, agents, audio] = await Promise.all([
        isNew
          ? null
          : unwrap(
              api.GET('/v1/properties/{propertyId}/ring-groups/{ringGroupId}', {
                params: { path: { propertyId, ringGroupId } },
              }),
            ),
        unwrap(api.GET('/v1/properties/{propertyId}/agents', path)),
        unwrap(api.GET('/v1/properties/{propertyId}/audio', path)),
      ]);
      return { group, agents: agents.items, audio: audio.items };
    },
    [propertyId, ringGroupId],
  );
  return (
    <LoadedView loaded={loaded}>
      {(d) => (
        <RingGroupForm
          key={d.group ? `${d.group.id}@${String(d.group.updatedAt)}` : 'new'}
          propertyId={propertyId}
          saved={d.group}
          agents={d.agents.map((a) => ({
            id: a.id,
            name: a.name,
            browser: (a.endpoint as AgentEndpoint).kind === 'webrtc',
          }))}
          audio={d.audio}
          reload={loaded.reload}
          note={note}
          setNote={setNote}
        />
      )}
    </LoadedView>
  );
}

const SHOWN =
  /^(name|id|strategy|agentRingTimeoutSeconds|overallTimeoutSeconds|members.*|whisper.*|callerHears.*)$/;

function RingGroupForm({
  propertyId,
  saved,
  agents,
  audio,
  reload,
  note,
  setNote,
}: {
  propertyId: string;
  saved: SavedRingGroup | null;
  agents: readonly AgentChoice[];
  audio: readonly { id: string; name: string }[];
  reload: () => void;
  note: SaveNote | undefined;
  setNote: (n: SaveNote | undefined) => void;
}) {
  const { readOnly } = useSession();
  const presence = usePresence(propertyId);
  const [d, setD] = useState<RingGroupDraft>(() => (saved ? draftOf(saved) : newDraft()));
  const save = useAction();
  const problem = save.problem;
  const groupId = saved?.id;

  const submit = () => {
    const body = bodyOf(d);
    setNote(undefined);
    void save
      .run((api) =>
        groupId
          ? unwrap(
              api.PUT('/v1/properties/{propertyId}/ring-groups/{ringGroupId}', {
                params: { path: { propertyId, ringGroupId: groupId } },
                body: { ...body, id: groupId },
              }),
            )
          : unwrap(
              api.POST('/v1/properties/{propertyId}/ring-groups', { params: { path: { propertyId } }, body }),
            ),
      )
      .then((result) => {
        if (!result) return;
        setNote({ warnings: result.warnings ?? [] });
        if (!groupId)
          navigate(propertyPath(propertyId, 'ring-groups', `/${encodeURIComponent(result.id)}`), {
            replace: true,
          });
        else reload();
      });
  };
  const nextUp =
    saved && saved.strategy === 'round_robin' && saved.members.length > 0
      ? saved.members[saved.rotationPointer % saved.members.length]?.agentId
      : undefined;

  return (
    <Page title={saved ? `Ring group: ${saved.name}` : 'New ring group'}>
      <p>
        <Link to={propertyPath(propertyId, 'ring-groups')}>All ring groups</Link>
      </p>
      <ProblemNotice
        problem={problem}
        shown={problem?.fields.map((f) => f.field).filter((f) => SHOWN.test(f))}
      />
      <SavedNotice note={note} problem={problem} />
      <EditForm className="form form-wide" disabled={readOnly || save.busy} plain onSubmit={() => submit()}>
        <div className="form-row">
          <ResourceNameFields
            name={d.name}
            id={d.id}
            creating={!saved}
            problem={problem}
            onChange={(change) => setD({ ...d, ...change })}
          />
        </div>
        <fieldset className="prompt-input">
          <legend>Strategy</legend>
          {(Object.keys(STRATEGIES) as RingStrategy[]).map((s) => (
            <label key={s} className="check">
              <input
                type="radio"
                name="strategy"
                value={s}
                checked={d.strategy === s}
                onChange={() => setD({ ...d, strategy: s })}
              />
              <span>
                <strong>{STRATEGIES[s].label}</strong> <span className="hint">{STRATEGIES[s].hint}</span>
              </span>
            </label>
          ))}
          {problem?.forField('strategy') && (
            <small className="field-error" role="alert">
              {problem.forField('strategy')}
            </small>
          )}
        </fieldset>
        <h2>Members</h2>
        {nextUp && (
          <p className="hint">
            Next call starts with {agents.find((a) => a.id === nextUp)?.name ?? nextUp} (round robin).
          </p>
        )}
        <MembersEditor
          members={d.members}
          onChange={(members) => setD({ ...d, members })}
          agents={agents}
          presence={presence}
          problem={problem}
          readOnly={readOnly}
        />
        <h2>Timing and who is rung</h2>
        <div className="form-row">
          <Field
            label="Ring each member for (seconds)"
            name="agentRingTimeoutSeconds"
            problem={problem}
            hint="Per wave when simultaneous; a member's own timeout wins"
          >
            {(a) => (
              <input
                {...a}
                type="number"
                value={d.agentRingTimeoutSeconds}
                onChange={(e) => setD({ ...d, agentRingTimeoutSeconds: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Give up after (seconds)"
            name="overallTimeoutSeconds"
            problem={problem}
            hint="Empty: when every member has been rung"
          >
            {(a) => (
              <input
                {...a}
                type="number"
                value={d.overallTimeoutSeconds}
                onChange={(e) => setD({ ...d, overallTimeoutSeconds: e.target.value })}
              />
            )}
          </Field>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={d.skipUnavailable}
            onChange={(e) => setD({ ...d, skipUnavailable: e.target.checked })}
          />
          Skip members who are unavailable, away, on a call, or (browser agents) not signed in
        </label>
        <PromptInput
          legend="Whisper to the agent who answers"
          name="whisper"
          value={d.whisper}
          onChange={(whisper) => setD({ ...d, whisper })}
          audio={audio}
          problem={problem}
          optional
        />
        <PromptInput
          legend="The caller hears meanwhile"
          name="callerHears.prompt"
          value={d.holdPrompt}
          onChange={(holdPrompt) => setD({ ...d, holdPrompt })}
          audio={audio}
          problem={problem}
          optional
          noneLabel="Ringing"
        />
        {!readOnly && (
          <p>
            <button type="submit">
              {save.busy ? 'Saving…' : saved ? 'Save ring group' : 'Create ring group'}
            </button>
          </p>
        )}
      </EditForm>
      {saved && !readOnly && (
        <section aria-labelledby="delete-group">
          <h2 id="delete-group">Delete</h2>
          <DeleteButton
            what={`ring group ${saved.name}`}
            remove={(api) =>
              unwrap(
                api.DELETE('/v1/properties/{propertyId}/ring-groups/{ringGroupId}', {
                  params: { path: { propertyId, ringGroupId: saved.id } },
                }),
              )
            }
            onDeleted={() => navigate(propertyPath(propertyId, 'ring-groups'))}
          />
        </section>
      )}
    </Page>
  );
}
