import { useId, useState } from 'react';
import type { ApiProblem } from '../../api/problem';
import { PresenceBadge } from '../agents/presence-badge';
import type { AgentPresence } from '../agents/use-presence';
import { moved, type MemberDraft } from './ring-group-draft';

export interface AgentChoice {
  id: string;
  name: string;
  browser: boolean;
}

/**
 * The group's members in ringing order: moved with Up/Down buttons (focus follows the moved
 * member, so a keyboard user can keep pressing), each with its own ring timeout and live presence.
 */
export function MembersEditor({
  members,
  onChange,
  agents,
  presence,
  problem,
  readOnly,
}: {
  members: MemberDraft[];
  onChange: (m: MemberDraft[]) => void;
  agents: readonly AgentChoice[];
  presence: ReadonlyMap<string, AgentPresence>;
  problem: ApiProblem | undefined;
  readOnly: boolean;
}) {
  const id = useId();
  const byId = new Map(agents.map((a) => [a.id, a]));
  const addable = agents.filter((a) => !members.some((m) => m.agentId === a.id));
  const [adding, setAdding] = useState('');
  const pick = adding && addable.some((a) => a.id === adding) ? adding : (addable[0]?.id ?? '');
  const move = (i: number, by: number, name: string, dir: string) => {
    onChange(moved(members, i, by));
    // Keep the keyboard on the member that moved.
    requestAnimationFrame(() =>
      document.querySelector<HTMLButtonElement>(`[data-move="${CSS.escape(`${name}:${dir}`)}"]`)?.focus(),
    );
  };
  const whole = problem?.forField('members');
  return (
    <div>
      {members.length === 0 && <p className="muted">No member yet.</p>}
      <ol className="members" aria-label="Members in ringing order">
        {members.map((m, i) => {
          const agent = byId.get(m.agentId);
          const name = agent?.name ?? m.agentId;
          const err = problem?.under(`members[${i}]`) ?? [];
          return (
            <li key={m.agentId}>
              <span className="member-name">
                {i + 1}. {name}
              </span>
              <PresenceBadge presence={presence.get(m.agentId)} browser={agent?.browser ?? false} />
              <label>
                Ring timeout (s)
                <span className="visually-hidden"> for {name}</span>{' '}
                <input
                  type="number"
                  size={4}
                  className="short"
                  placeholder="group's"
                  value={m.ringTimeoutSeconds}
                  readOnly={readOnly}
                  aria-invalid={err.length > 0}
                  onChange={(e) =>
                    onChange(
                      members.map((x, k) => (k === i ? { ...x, ringTimeoutSeconds: e.target.value } : x)),
                    )
                  }
                />
              </label>
              {!readOnly && (
                <span className="row-actions">
                  <button
                    type="button"
                    className="secondary"
                    data-move={`${name}:up`}
                    aria-label={`Move ${name} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1, name, 'up')}
                  >
                    ↑ Up
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    data-move={`${name}:down`}
                    aria-label={`Move ${name} down`}
                    disabled={i === members.length - 1}
                    onClick={() => move(i, 1, name, 'down')}
                  >
                    ↓ Down
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove ${name}`}
                    onClick={() => onChange(members.filter((_, k) => k !== i))}
                  >
                    Remove
                  </button>
                </span>
              )}
              {err.length > 0 && (
                <small className="field-error" role="alert">
                  {err.map((e) => e.message).join(' ')}
                </small>
              )}
            </li>
          );
        })}
      </ol>
      {whole && (
        <small className="field-error" role="alert">
          {whole}
        </small>
      )}
      {!readOnly && (
        <p className="form-row">
          <label htmlFor={`${id}-add`}>Agent to add</label>
          <select
            id={`${id}-add`}
            value={pick}
            onChange={(e) => setAdding(e.target.value)}
            disabled={!addable.length}
          >
            {addable.length === 0 && <option value="">(every agent is a member)</option>}
            {addable.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            disabled={!pick}
            onClick={() => {
              onChange([...members, { agentId: pick, ringTimeoutSeconds: '' }]);
              setAdding('');
            }}
          >
            Add member
          </button>
        </p>
      )}
    </div>
  );
}
