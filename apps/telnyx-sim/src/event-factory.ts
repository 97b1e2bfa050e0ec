import { randomUUID } from 'node:crypto';
import type { CallLeg, Recording } from './call-leg';
import { recordingUrls } from './recording-api';
import { isoMicros } from './sim-clock';

/** `data` of a Telnyx v2 webhook; `meta` is added per delivery attempt by the sender. */
export interface WebhookEventData {
  record_type: 'event';
  event_type: string;
  id: string;
  occurred_at: string;
  payload: Record<string, unknown>;
}

export type MediaStatus = 'completed' | 'cancelled' | 'call_hangup';

/**
 * Telnyx-shaped payloads. Every payload carries the leg's ids, the connection id, the leg's current
 * client_state (null when never set, as real Telnyx sends it) and from/to.
 */
export class EventFactory {
  constructor(
    private readonly connectionId: string,
    private readonly recordingBaseUrl: () => string,
  ) {}

  build(
    leg: CallLeg,
    eventType: string,
    occurredMs: number,
    extra: Record<string, unknown> = {},
  ): WebhookEventData {
    return {
      record_type: 'event',
      event_type: eventType,
      id: randomUUID(),
      occurred_at: isoMicros(occurredMs),
      payload: {
        call_control_id: leg.callControlId,
        call_leg_id: leg.callLegId,
        call_session_id: leg.session.id,
        connection_id: this.connectionId,
        client_state: leg.clientState,
        from: leg.from,
        to: leg.to,
        ...extra,
      },
    };
  }

  initiated(leg: CallLeg): Record<string, unknown> {
    return {
      direction: leg.direction,
      state: leg.direction === 'incoming' ? 'parked' : 'bridging',
      start_time: isoMicros(leg.startMs),
      ...(leg.callerIdName !== undefined ? { caller_id_name: leg.callerIdName } : {}),
      custom_headers: [],
    };
  }

  answered(leg: CallLeg): Record<string, unknown> {
    return { state: 'answered', start_time: isoMicros(leg.startMs), custom_headers: [] };
  }

  hangup(leg: CallLeg): Record<string, unknown> {
    return {
      state: 'hangup',
      hangup_cause: leg.hangupCause,
      hangup_source: leg.hangupSource,
      sip_hangup_cause: leg.sipHangupCause,
      start_time: isoMicros(leg.startMs),
      ...(leg.endedMs !== undefined ? { end_time: isoMicros(leg.endedMs) } : {}),
      call_quality_stats: null,
    };
  }

  recordingSaved(leg: CallLeg, rec: Recording): Record<string, unknown> {
    return {
      recording_id: rec.id,
      channels: rec.channels,
      format: rec.format,
      recording_started_at: isoMicros(rec.startedMs),
      recording_ended_at: isoMicros(rec.endedMs ?? rec.startedMs),
      start_time: isoMicros(rec.startedMs),
      end_time: isoMicros(rec.endedMs ?? rec.startedMs),
      recording_urls: recordingUrls(this.recordingBaseUrl(), rec.id, 'event'),
      public_recording_urls: {},
    };
  }
}
