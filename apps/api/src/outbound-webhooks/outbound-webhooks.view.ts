import type { WebhookEventType } from '@switchboard/contracts';

/*
 * What the webhook subscription, delivery and notification secret routes answer with. Response
 * classes, types only (read by the OpenAPI plugin): the repositories build plain objects.
 */

/** A URL subscribed to some of a property's events. */
export class WebhookSubscriptionView {
  id: string;
  propertyId: string;
  url: string;
  events: WebhookEventType[];
  description: string | null;
  /** Inactive subscriptions get no new deliveries. */
  active: boolean;
  createdAt: Date;
}

/** A subscription just created: the only answer that carries its signing secret. */
export class CreatedWebhookSubscriptionView extends WebhookSubscriptionView {
  /** HMAC-SHA256 key of the `switchboard-signature` header (`whsec_…`), shown only here. */
  secret: string;
}

export class WebhookSubscriptionList {
  items: WebhookSubscriptionView[];
}

/** One event sent (or being sent) to one subscription. */
export class WebhookDeliveryView {
  id: string;
  subscriptionId: string;
  /** The event's id: the body's `id`, repeated by redeliveries. */
  eventId: string;
  eventType: WebhookEventType;
  /** `pending` while being tried, `delivered` once a 2xx came back, `failed` when retrying gave up. */
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** A page of a subscription's deliveries, newest first. */
export class WebhookDeliveryPage {
  items: WebhookDeliveryView[];
  /** Deliveries matching the filter, over every page. */
  total: number;
  limit: number;
  offset: number;
}

/** The body every delivery of an event POSTs. */
export class WebhookEnvelopeView {
  /** The event's id: stable across redeliveries. */
  id: string;
  type: WebhookEventType;
  createdAt: string;
  propertyId: string;
  /** The event's own fields, by `type` (docs/webhooks.md): free-form here. */
  data: Record<string, unknown>;
}

/** One try to deliver. */
export class WebhookDeliveryAttemptView {
  attemptedAt: Date;
  /** Made by `…/redeliver`, not by the retry schedule. */
  manual: boolean;
  /** The receiver's HTTP status; null when it could not be reached. */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** One delivery with the exact body sent and every attempt. */
export class WebhookDeliveryDetailView extends WebhookDeliveryView {
  payload: WebhookEnvelopeView;
  attemptLog: WebhookDeliveryAttemptView[];
}

/** A redelivery started. */
export class RedeliveryView {
  /** The Temporal workflow that delivers it again. */
  workflowId: string;
}

/** The property's new notification signing secret. */
export class NotificationSecretView {
  /** Signs voicemail and text notifications from now on (`sbn_…`), shown only here. */
  secret: string;
  rotatedAt: Date;
}
