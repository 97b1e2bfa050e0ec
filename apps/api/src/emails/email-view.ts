import type { SwitchboardConfig } from '@switchboard/config';
import type { EmailRow, TrackedAddressRow } from '@switchboard/persistence';
import type { EmailDetailView, EmailView, TrackedAddressView } from './emails.view';

/** A source's tracked address as the api shows it. */
export function addressView(row: TrackedAddressRow, cfg: SwitchboardConfig): TrackedAddressView {
  return {
    sourceId: row.sourceId,
    sourceName: row.sourceName,
    address: `${row.localPart}@${cfg.email.inboundDomain}`,
    createdAt: row.createdAt,
  };
}

/** An email as the api shows it; lists leave the bodies out to keep pages small. */
export function emailView(e: EmailRow, withBodies: true): EmailDetailView;
export function emailView(e: EmailRow, withBodies: false): EmailView;
export function emailView(e: EmailRow, withBodies: boolean): EmailView | EmailDetailView {
  return {
    id: e.id,
    propertyId: e.propertyId,
    sourceId: e.sourceId,
    sourceName: e.sourceName,
    messageId: e.messageId,
    recipient: e.recipient,
    from: e.from,
    to: e.to,
    cc: e.cc,
    subject: e.subject,
    ...(withBodies ? { text: e.text, html: e.html } : {}),
    truncated: e.truncated,
    receivedAt: e.receivedAt,
    forward: {
      status: e.forwardStatus,
      to: e.forwardTo,
      error: e.forwardError,
      attempts: e.forwardAttempts,
      forwardedAt: e.forwardedAt,
    },
  };
}
