import type { MessageKind } from '@switchboard/persistence';

/*
 * What the text conversation and text routing routes answer with. Response classes, types only
 * (read by the OpenAPI plugin): the services build plain objects of these shapes (conversation-view.ts).
 */

/** A text conversation: one per tracking number and the external number that texted it. */
export class ConversationView {
  id: string;
  propertyId: string;
  /** Null once the tracking number is released; `trackingNumber` keeps it. */
  trackingNumberId: string | null;
  trackingNumber: string;
  /** The person's number (E.164). */
  externalNumber: string;
  sourceId: string | null;
  sourceName: string | null;
  /** The website visit (DNI session) the first text was attributed to. */
  sessionId: string | null;
  /** The person texted STOP: replies are refused until they text START. */
  optedOut: boolean;
  /** ISO instant. */
  optedOutAt: string | null;
  /** ISO instant. */
  createdAt: string;
  /** ISO instant. */
  lastMessageAt: string;
  /**
   * The conversation's score by the property's scoring rules, its texts read as the transcript
   * (rules on answering, talk time or flow path do not apply to texts); null without rules.
   */
  score: number | null;
  leadStatus: 'good_lead' | 'not_a_lead' | 'not_scored';
  /** Names of the scoring rules that matched. */
  scoreReasons: string[];
}

/** One text of a conversation. */
export class MessageView {
  id: string;
  direction: 'inbound' | 'outbound';
  kind: MessageKind;
  body: string;
  /** The carrier's message id. */
  carrierId: string | null;
  status: 'received' | 'sent' | 'failed';
  error: string | null;
  /** The phone an inbound text was forwarded to, by the text routing. */
  forwardedTo: string | null;
  forwardCarrierId: string | null;
  forwardError: string | null;
  /** ISO instant. */
  occurredAt: string;
}

/** A page of conversations, newest first. */
export class ConversationPage {
  items: ConversationView[];
  /** Conversations matching the filter, over every page. */
  total: number;
  limit: number;
  offset: number;
}

/** A conversation with its messages, oldest first. */
export class ConversationDetailView extends ConversationView {
  messages: MessageView[];
}

/** Where the property's inbound texts go (null: that part is off). */
export class TextRoutingView {
  /** The phone inbound texts are forwarded to. */
  forwardTo: string | null;
  /** The URL each inbound text is announced to (signed with the notification secret). */
  notifyWebhookUrl: string | null;
}
