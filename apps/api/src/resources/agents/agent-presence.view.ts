/*
 * What GET agent-presence answers. Response classes, types only (read by the OpenAPI plugin): the
 * repository builds plain objects of these shapes.
 */

/** One agent's live state. */
export class AgentPresenceItemView {
  agentId: string;
  /** The agent's own switch (the /agent page), or `on_call` while bridged to a call. */
  presence: 'available' | 'away' | 'on_call' | 'offline';
  /** Their /agent page was seen lately: browser agents answer there. */
  pageOpen: boolean;
  /** A ring group that skips unavailable members would ring them now. */
  ringable: boolean;
}

/** Every agent of the property, by id. */
export class AgentPresenceList {
  items: AgentPresenceItemView[];
}
