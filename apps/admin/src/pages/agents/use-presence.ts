import { useEffect, useState } from 'react';
import { unwrap } from '../../api/client';
import type { Ok } from '../../api/types';
import { useSession } from '../../session';

export type AgentPresence = Ok<'/v1/properties/{propertyId}/agent-presence', 'get'>['items'][number];

/** How often the console asks who is reachable: presence changes as agents come and go. */
const EVERY_MS = 5_000;

/**
 * Every agent's live presence (their switch, whether their /agent page is open, whether a ring
 * group would ring them now), polled while the screen is open. A failed poll keeps the last answer.
 */
export function usePresence(propertyId: string): ReadonlyMap<string, AgentPresence> {
  const { api } = useSession();
  const [byAgent, setByAgent] = useState<ReadonlyMap<string, AgentPresence>>(new Map());
  useEffect(() => {
    let current = true;
    const poll = () =>
      unwrap(
        api.GET('/v1/properties/{propertyId}/agent-presence', { params: { path: { propertyId } } }),
      ).then(
        (page) => current && setByAgent(new Map(page.items.map((p) => [p.agentId, p]))),
        () => undefined,
      );
    void poll();
    const timer = setInterval(() => void poll(), EVERY_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [api, propertyId]);
  return byAgent;
}
