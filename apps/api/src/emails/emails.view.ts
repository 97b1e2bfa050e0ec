import type { ForwardStatus } from '@switchboard/persistence';

/*
 * What the tracked email routes answer with. Response classes, types only (read by the OpenAPI
 * plugin): email-view.ts and the controller build plain objects of these shapes.
 */

/** A source's inbound email address. */
export class TrackedAddressView {
  sourceId: string;
  sourceName: string;
  /** Mail sent here is stored as the source's and forwarded by the email routing. */
  address: string;
  createdAt: Date;
}

/** The address, and whether this request made it. */
export class IssuedAddressView extends TrackedAddressView {
  /** True the first time: later requests answer the same address. */
  created: boolean;
}

/** Where the property's tracked mail is forwarded (null: not set). */
export class EmailRoutingView {
  forwardTo: string | null;
  updatedAt: Date | null;
}

/** The routing as just set. */
export class EmailRoutingSetView {
  forwardTo: string;
  updatedAt: Date;
}

/** How forwarding an email went. */
export class EmailForwardView {
  /** `no_destination`: no email routing was set when it arrived. */
  status: ForwardStatus;
  to: string | null;
  error: string | null;
  attempts: number;
  forwardedAt: Date | null;
}

/** A received email, without its bodies (as lists show it). */
export class EmailView {
  id: string;
  propertyId: string;
  /** Null once the source is deleted; `sourceName` keeps it. */
  sourceId: string | null;
  sourceName: string;
  /** The Message-ID header: an email is stored once per property. */
  messageId: string;
  /** The tracked address it was sent to. */
  recipient: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** A body was cut at the size limit. */
  truncated: boolean;
  receivedAt: Date;
  forward: EmailForwardView;
}

/** A received email with its bodies. */
export class EmailDetailView extends EmailView {
  text: string | null;
  html: string | null;
}

/** A page of received emails, newest first. */
export class EmailPage {
  items: EmailView[];
  /** Emails matching the filter, over every page. */
  total: number;
  limit: number;
  offset: number;
}

/** One property's stored copy of an inbound message. */
export class InboundEmailCopyView {
  id: string;
  propertyId: string;
  sourceId: string;
  /** Null when the copy was already stored (a redelivered message). */
  forwardStatus: ForwardStatus | null;
}

/** What the mail provider's webhook answers. */
export class InboundEmailAnswerView {
  /** `duplicate`: every copy was stored before (the provider redelivered). */
  status: 'stored' | 'duplicate';
  emails: InboundEmailCopyView[];
}
