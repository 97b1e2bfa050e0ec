import type { TextConversation, TextMessage } from '@switchboard/persistence';
import type { ConversationView, MessageView } from './messaging.view';

/** A conversation as the api shows it: instants in ISO 8601, as JSON writes them. */
export function conversationView(c: TextConversation): ConversationView {
  return {
    ...c,
    optedOutAt: c.optedOutAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    lastMessageAt: c.lastMessageAt.toISOString(),
  };
}

/** A message as the api shows it. */
export function messageView(m: TextMessage): MessageView {
  return { ...m, occurredAt: m.occurredAt.toISOString() };
}
