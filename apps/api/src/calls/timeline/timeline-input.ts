import type { CallAttribution, CarrierEvent } from '@switchboard/contracts';
import type { CallEntity, CarrierEventEntity } from '@switchboard/persistence';
import { parseTelnyxWebhook } from '@switchboard/telephony';
import type { TimelineCall } from './call-timeline';

/** A call row as the timeline reads it: ISO instants, attribution regrouped as the workflow wrote it. */
export function timelineCall(c: CallEntity): TimelineCall {
  // prior_calls is written with every attribution (0 for anonymous callers): null means none was.
  const attribution: CallAttribution | null =
    c.priorCalls === null
      ? null
      : {
          kind: c.attribution,
          sessionId: c.sessionId,
          keyword: c.keyword,
          campaign: c.campaign,
          landingPage: c.landingPage,
          activePage: c.activePage,
          referrer: c.referrer,
          utmSource: c.utmSource,
          utmMedium: c.utmMedium,
          utmCampaign: c.utmCampaign,
          utmTerm: c.utmTerm,
          utmContent: c.utmContent,
          priorCalls: c.priorCalls,
        };
  return {
    callControlId: c.callControlId,
    from: c.fromNumber,
    to: c.toNumber,
    sourceName: c.sourceName,
    startedAt: c.startedAt.toISOString(),
    answeredAt: c.answeredAt?.toISOString() ?? null,
    endedAt: c.endedAt.toISOString(),
    durationSecs: c.durationSecs,
    talkSecs: c.talkSecs,
    outcome: c.outcome,
    answeredBy: c.answeredBy,
    hangupCause: c.hangupCause,
    path: c.path,
    recordingUrl: c.recordingUrl,
    voicemailBoxId: c.voicemailBoxId,
    attribution,
    disclosure:
      c.disclosurePlayed === null
        ? null
        : { played: c.disclosurePlayed, at: c.disclosurePlayedAt?.toISOString() ?? null },
    recordingStartedAt: c.recordingStartedAt?.toISOString() ?? null,
    recordingPauses: c.recordingPauses ?? [],
  };
}

/**
 * A stored webhook read back through the same parser that accepted it (client_state decoded, the
 * fields the timeline tells). It parsed once, so it parses again; should it not, the row's own
 * columns still place it in the timeline as a bare event.
 */
export function storedCarrierEvent(row: CarrierEventEntity): CarrierEvent {
  try {
    return parseTelnyxWebhook(row.payload);
  } catch {
    return {
      eventId: row.id,
      type: row.eventType,
      occurredAt: (row.occurredAt ?? row.receivedAt).toISOString(),
      callControlId: row.callControlId ?? '',
    };
  }
}
