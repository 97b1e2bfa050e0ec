import { ApplicationFailure } from '@temporalio/activity';
import {
  callRecordingPath,
  callWorkflowId,
  type ResolvedCall,
  type RingGroupRequest,
  type VoicemailNotice,
} from '@switchboard/contracts';
import {
  buildCallerContext,
  isAnonymousCallerId,
  planRing,
  previousCallOf,
  recordingDisclosureOf,
  type CallFlow,
  type Prompt,
  type RingPlan,
} from '@switchboard/domain';
import { DEFAULT_MEDIA_URL_TTL_SECS } from '@switchboard/config';
import {
  signedMediaUrl,
  type CallRecordRepository,
  type CallRoutingRepository,
  type MediaUrlSettings,
  type NotificationSecretRepository,
  type PoolHoldRepository,
  type PropertyResourcesRepository,
} from '@switchboard/persistence';
import { isFinalAnswer, postToReceiver, ReceiverRefused, signedEventHeaders } from '@switchboard/outbound';
import { sessionAttribution, toVisitorSession } from './session-attribution';

export interface CallDataSettings {
  ringTimeoutSecs: number;
  defaultVoice: string;
  /** Where the carrier fetches the api's public media (audio prompts) from. */
  publicBaseUrl: string;
  /** MEDIA_SIGNING_SECRET, which the api verifies prompt URLs with. */
  mediaSigningSecret: string;
  /** MEDIA_URL_TTL_SECS. Absent: 6 hours. */
  mediaUrlTtlSecs?: number;
  /**
   * WEBHOOK_ALLOW_PRIVATE_NETWORKS: whether customers' receivers (outbound webhooks, voicemail
   * notifications) may be on this host or a private network. Absent: no.
   */
  allowPrivateReceivers?: boolean;
}

/** No resources: what a number without a call flow gets (it never reads them). */
const NONE: Record<string, never> = {};

/** Receivers get this long to acknowledge a notification before the attempt counts as failed. */
const NOTIFY_TIMEOUT_MS = 10_000;

/**
 * Database reads and writes of a call: what to do with a dialled number, whom to ring, and the
 * voicemail notification (the final record is call-record.activities.ts').
 */
export function createCallDataActivities(
  routing: CallRoutingRepository,
  records: CallRecordRepository,
  resources: PropertyResourcesRepository,
  secrets: NotificationSecretRepository,
  settings: CallDataSettings,
  holds?: PoolHoldRepository,
) {
  const media: MediaUrlSettings = {
    publicBaseUrl: settings.publicBaseUrl,
    signingSecret: settings.mediaSigningSecret,
    urlTtlSecs: settings.mediaUrlTtlSecs ?? DEFAULT_MEDIA_URL_TTL_SECS,
  };
  return {
    /**
     * `at` is the call's start instant (carrier clock): a pool number is attributed to the visit
     * holding it then. Calls resolved without it (workflows started before it was passed) use now.
     */
    async resolveCall(to: string, from?: string, at?: string): Promise<ResolvedCall> {
      const route = await routing.findByNumber(to);
      if (!route) return { known: false };
      const instant = at ? new Date(at) : new Date();
      const [history, visit, schedules, audioPaths, boxes] = await Promise.all([
        from && !isAnonymousCallerId(from)
          ? routing.callerHistory(route.propertyId, from, instant, route.repeatCallerWindowDays)
          : { priorCalls: 0, scores: null },
        route.poolId && holds
          ? holds.attribute(route.trackingNumberId, instant, route.lookbackMinutes)
          : null,
        // Only a call flow uses the property's resources: a forwarding number skips the reads.
        route.flow ? resources.schedules(route.propertyId) : NONE,
        route.flow ? resources.audioPaths(route.propertyId) : NONE,
        route.flow ? resources.voicemailBoxes(route.propertyId) : NONE,
      ]);
      const priorCalls = history.priorCalls;
      const greeting = route.greetingAudioUrl
        ? ({ kind: 'audio', url: route.greetingAudioUrl } as const)
        : route.greetingText
          ? ({ kind: 'tts', text: route.greetingText, voice: settings.defaultVoice } as const)
          : null;
      const flow = route.flow ? (route.flow.definition as CallFlow) : null;
      const voicemailGreetings: Record<string, Prompt> = {};
      for (const box of Object.values(boxes)) if (box.greeting) voicemailGreetings[box.id] = box.greeting;
      return {
        known: true,
        propertyId: route.propertyId,
        propertyName: route.propertyName,
        timeZone: route.timeZone,
        trackingNumberId: route.trackingNumberId,
        sourceId: route.sourceId,
        sourceName: route.sourceName,
        forwardTo: route.forwardTo,
        greeting,
        ringTimeoutSecs: settings.ringTimeoutSecs,
        defaultVoice: settings.defaultVoice,
        flow:
          route.flow && flow ? { id: route.flow.id, version: route.flow.version, definition: flow } : null,
        caller: buildCallerContext({
          callerId: from,
          priorCalls,
          source: route.sourceName,
          ...(visit?.session ? { session: toVisitorSession(visit.session) } : {}),
          previousCall: history.scores ? previousCallOf(history.scores) : undefined,
        }),
        schedules,
        // Signed now, valid for MEDIA_URL_TTL_SECS: the call keeps these URLs (they are in its
        // history), so the TTL must outlast the longest call.
        audioUrls: Object.fromEntries(
          Object.entries(audioPaths).map(([id, path]) => [id, signedMediaUrl(media, path)]),
        ),
        voicemailGreetings,
        attribution: sessionAttribution(visit, priorCalls),
        // Its audio, if any, is among audioUrls: a recording flow reads the property's audio files.
        recordingDisclosure: flow
          ? (recordingDisclosureOf(flow, route.recordingDisclosure)?.prompt ?? null)
          : null,
      };
    },

    /**
     * Who to ring for a ring-group step, drawn with libs/domain's planner from the group as stored
     * now (members, availability, round-robin pointer); advances the pointer atomically. Null when
     * the group was deleted since the flow was saved.
     */
    async planRingGroup(r: RingGroupRequest): Promise<RingPlan | null> {
      return resources.claimRingPlan(r.claimId, r.propertyId, r.ringGroupId, (g) =>
        planRing(g.group, g.availability, g.pointer),
      );
    },

    /**
     * Tells the voicemail box's webhook a message arrived. Retried by Temporal until the receiver
     * acknowledges; the delivery id lets the receiver drop a retry it already handled.
     */
    async notifyVoicemail(n: VoicemailNotice): Promise<'sent' | 'no_webhook' | 'no_box'> {
      const box = (await resources.voicemailBoxes(n.propertyId))[n.voicemailBoxId];
      if (!box) return 'no_box';
      if (!box.notifyWebhookUrl) return 'no_webhook';
      // Saved just before this notice by the same workflow.
      const call = await records.findByWorkflowId(callWorkflowId(n.callSessionId));
      const secret = await secrets.secretOf(n.propertyId);
      if (secret === null) return 'no_box';
      const body = JSON.stringify({
        event: 'voicemail.received',
        voicemailBox: { id: box.id, name: box.name, agentId: box.agentId },
        call: {
          callSessionId: n.callSessionId,
          from: n.from,
          to: n.to,
          source: n.sourceName,
          startedAt: n.startedAt,
        },
        // The carrier's link plays without a key: receivers get the key-guarded link to our copy.
        recordingUrl: call ? settings.publicBaseUrl + callRecordingPath(call.id) : null,
      });
      let status: number;
      try {
        // Signed like a webhook subscription's events, with the property's notification secret.
        status = await postToReceiver(box.notifyWebhookUrl, {
          headers: signedEventHeaders(secret, {
            type: 'voicemail.received',
            deliveryId: `${n.callSessionId}/voicemail`,
            body,
          }),
          body,
          timeoutMs: NOTIFY_TIMEOUT_MS,
          allowPrivateNetworks: settings.allowPrivateReceivers ?? false,
        });
      } catch (err) {
        if (err instanceof ReceiverRefused)
          throw ApplicationFailure.nonRetryable(
            `voicemail webhook refused: ${err.message}`,
            'WebhookRefused',
          );
        throw err;
      }
      if (status >= 200 && status < 300) return 'sent';
      const message = `voicemail webhook ${box.notifyWebhookUrl} answered ${status}`;
      if (isFinalAnswer(status)) throw ApplicationFailure.nonRetryable(message, 'WebhookRefused');
      throw new Error(message);
    },
  };
}
