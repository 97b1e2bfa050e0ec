import { ApplicationFailure } from '@temporalio/activity';
import { callRecordingPath, type CallStartedNotice } from '@switchboard/contracts';
import { postToReceiver, ReceiverRefused, signedEventHeaders } from '@switchboard/outbound';
import type { CallEntity, CallRecordRepository, WebhookRepository } from '@switchboard/persistence';

/** Publishes events to subscribers; the worker's WebhookPublisher (libs/temporal) in production. */
export interface EventPublisher {
  publish(
    propertyId: string,
    type: CallEventType,
    eventId: string,
    data: Record<string, unknown>,
    createdAt?: Date,
  ): Promise<number>;
}
type CallEventType = 'call.started' | 'call.completed' | 'voicemail.left';

/**
 * What subscribers get about a finished call (call.completed, voicemail.left). The recording is
 * the key-guarded link to our copy (`publicBaseUrl` is the api's), never the carrier's, which
 * plays for anyone holding it.
 */
export function callEventData(c: CallEntity, publicBaseUrl: string): Record<string, unknown> {
  return {
    callId: c.id,
    callSessionId: c.callSessionId,
    from: c.fromNumber,
    trackingNumber: c.toNumber,
    trackingNumberId: c.trackingNumberId,
    source: c.sourceName,
    startedAt: c.startedAt,
    answeredAt: c.answeredAt,
    endedAt: c.endedAt,
    durationSecs: c.durationSecs,
    talkSecs: c.talkSecs,
    outcome: c.outcome,
    answeredBy: c.answeredBy,
    firstTime: c.priorCalls === null ? null : c.priorCalls === 0,
    campaign: c.campaign,
    keyword: c.keyword,
    landingPage: c.landingPage,
    referrer: c.referrer,
    path: c.path.map((p) => p.step),
    recordingUrl: c.recordingUrl ? publicBaseUrl + callRecordingPath(c.id) : null,
    voicemailBoxId: c.voicemailBoxId,
    score: c.score,
    leadStatus: c.leadStatus,
  };
}

/** Outbound webhooks: announcing a call's events, and sending one delivery attempt. */
export function createWebhookActivities(
  webhooks: WebhookRepository,
  records: CallRecordRepository,
  publisher: EventPublisher,
  publicBaseUrl: string,
  receivers: { allowPrivateNetworks: boolean },
) {
  return {
    async announceCallStarted(n: CallStartedNotice): Promise<number> {
      return publisher.publish(
        n.propertyId,
        'call.started',
        `${n.workflowId}/call.started`,
        {
          callSessionId: n.callSessionId,
          from: n.from,
          trackingNumber: n.to,
          trackingNumberId: n.trackingNumberId,
          source: n.sourceName,
          startedAt: n.startedAt,
          firstTime: n.firstTime,
          campaign: n.attribution?.campaign ?? null,
          keyword: n.attribution?.keyword ?? null,
          landingPage: n.attribution?.landingPage ?? null,
          referrer: n.attribution?.referrer ?? null,
        },
        new Date(n.startedAt),
      );
    },

    /** call.completed for every finished call of a property, and voicemail.left when one was left. */
    async announceCallFinished(workflowId: string): Promise<number> {
      const call = await records.findByWorkflowId(workflowId);
      if (!call?.propertyId) return 0;
      const data = callEventData(call, publicBaseUrl);
      let sent = await publisher.publish(
        call.propertyId,
        'call.completed',
        `${workflowId}/call.completed`,
        data,
        call.endedAt,
      );
      if (call.outcome === 'voicemail')
        sent += await publisher.publish(
          call.propertyId,
          'voicemail.left',
          `${workflowId}/voicemail.left`,
          data,
          call.endedAt,
        );
      return sent;
    },

    /**
     * One attempt at one delivery, logged either way. Throws on anything but a 2xx so Temporal
     * retries it with backoff; a paused or deleted subscription ends the delivery quietly.
     */
    async attemptWebhookDelivery(
      deliveryId: string,
      manual: boolean,
      timeoutMs: number,
    ): Promise<'delivered' | 'skipped'> {
      const d = await webhooks.toSend(deliveryId);
      if (!d || !d.active) return 'skipped';
      const body = JSON.stringify(d.payload);
      const started = performance.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      let refused = false;
      try {
        statusCode = await postToReceiver(d.url, {
          headers: signedEventHeaders(d.secret, { type: d.eventType, deliveryId: d.id, body }),
          body,
          timeoutMs,
          allowPrivateNetworks: receivers.allowPrivateNetworks,
        });
        if (statusCode < 200 || statusCode >= 300) error = `answered ${statusCode}`;
      } catch (err) {
        refused = err instanceof ReceiverRefused;
        error = refused
          ? `refused: ${(err as Error).message}`
          : err instanceof Error
            ? err.message
            : String(err);
      }
      const ok = error === null;
      await webhooks.recordAttempt(deliveryId, {
        manual,
        statusCode,
        error,
        durationMs: Math.round(performance.now() - started),
        ok,
      });
      if (refused) throw ApplicationFailure.nonRetryable(`webhook ${d.url} ${error}`, 'WebhookRefused');
      if (!ok) throw ApplicationFailure.retryable(`webhook ${d.url} ${error}`, 'WebhookNotAccepted');
      return 'delivered';
    },

    async markWebhookFailed(deliveryId: string): Promise<void> {
      await webhooks.markFailed(deliveryId);
    },
  };
}
