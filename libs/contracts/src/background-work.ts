import type { CallAttribution } from './call-attribution';

/**
 * Events a property can subscribe a URL to. Each is POSTed as a WebhookEnvelope, signed (see
 * WEBHOOK_HEADERS and docs/webhooks.md).
 */
export const WEBHOOK_EVENTS = [
  'call.started',
  'call.completed',
  'voicemail.left',
  'text.received',
  'email.received',
  'form.submitted',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** What every outbound webhook's body holds. `id` is stable: redeliveries repeat it. */
export interface WebhookEnvelope<D = Record<string, unknown>> {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  propertyId: string;
  data: D;
}

/**
 * Headers of an outbound webhook. The signature is `v1=` + hex HMAC-SHA256 of
 * `<timestamp>.<raw body>` under the subscription's secret; receivers should refuse timestamps
 * older than a few minutes, which stops replays of a captured request.
 */
export const WEBHOOK_HEADERS = {
  event: 'switchboard-event',
  delivery: 'switchboard-delivery',
  timestamp: 'switchboard-timestamp',
  signature: 'switchboard-signature',
} as const;

/** Workflow type names the api and the worker start by name. */
export const DELIVER_WEBHOOK_WORKFLOW = 'deliverWebhook';
export const RESCORE_CALLS_WORKFLOW = 'rescoreCalls';

/** How a delivery workflow retries its receiver (from WebhookDeliverySettings, in milliseconds). */
export interface WebhookRetryPolicy {
  initialIntervalMs: number;
  maximumIntervalMs: number;
  giveUpAfterMs: number;
  attemptTimeoutMs: number;
}

export interface DeliverWebhookInput {
  deliveryId: string;
  /** Started by a person through the API (shown in the delivery log). */
  manual: boolean;
  retry: WebhookRetryPolicy;
}

export interface RescoreCallsInput {
  propertyId: string;
  /** The rules version to bring calls to; a newer version ends this rescore. */
  version: number;
  /** Where the pass in id order resumes (continue-as-new). */
  afterId?: string | null;
  scored?: number;
}

/** What the call workflow tells subscribers when a call to a known number starts. */
export interface CallStartedNotice {
  workflowId: string;
  callSessionId: string;
  propertyId: string;
  from: string;
  to: string;
  trackingNumberId: string;
  sourceName: string;
  startedAt: string;
  firstTime: boolean;
  attribution?: CallAttribution;
}

export const OUTBOUND_CALL_WORKFLOW = 'outboundCall';

/** Click-to-call by an agent (docs/AGENT.md, "Outbound calls"). */
export interface OutboundCallInput {
  propertyId: string;
  agentId: string;
  /** Where the agent's own leg is dialled (their browser endpoint, phone or SIP address). */
  agentDial: string;
  /** Who to call. */
  to: string;
  /** The tracking number used as caller ID, and its source for the call log. */
  callerId: string;
  trackingNumberId: string;
  sourceId: string;
  sourceName: string;
  ringTimeoutSecs: number;
}

/** Copies one carrier recording into our blob store (docs/reports.md, "Recordings"). */
export const STORE_RECORDING_WORKFLOW = 'storeRecording';

export interface StoreRecordingInput {
  /** Our recording row (the id of its signed media URL). */
  recordingId: string;
}

/** One copy workflow per carrier recording: redelivered webhooks find it already started. */
export const storeRecordingWorkflowId = (carrierRecordingId: string) => `recording-${carrierRecordingId}`;

/** What a recording holds: a caller's message, or a caller and an agent talking (`recordingPurposeOfTag`). */
export type RecordingPurpose = 'voicemail' | 'conversation';

/**
 * The stable link to a call's recording that lists, exports and webhooks carry: it needs an API
 * key and redirects to a short-lived signed URL of our copy, so a link that travels (a CSV, a
 * subscriber's log) never plays the recording by itself. Relative to the api's public base URL.
 */
export const callRecordingPath = (callId: string) =>
  CALL_RECORDING_PATH_AROUND_ID[0] + callId + CALL_RECORDING_PATH_AROUND_ID[1];

/** What comes before and after the call id in `callRecordingPath` (for building it in SQL). */
export const CALL_RECORDING_PATH_AROUND_ID = ['/v1/calls/', '/recording'] as const;
