import type { AgentPresence } from './use-presence';

const LABELS = { available: 'Available', away: 'Away', on_call: 'On a call', offline: 'Offline' } as const;

/** An agent's presence as a badge: their switch, and whether a ring group would ring them now. */
export function PresenceBadge({
  presence,
  browser,
}: {
  presence: AgentPresence | undefined;
  browser: boolean;
}) {
  if (!presence) return <span className="muted">…</span>;
  const page = browser ? (presence.pageOpen ? 'page open' : 'page closed') : '';
  return (
    <span className="presence">
      <span className={`badge presence-${presence.presence}`}>{LABELS[presence.presence]}</span>
      {page && <span className="muted"> · {page}</span>}
      <span className={presence.ringable ? 'ringable' : 'muted'}>
        {' '}
        · {presence.ringable ? 'would ring' : 'not rung'}
      </span>
    </span>
  );
}
