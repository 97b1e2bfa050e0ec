import {
  arrayOf,
  bool,
  int,
  obj,
  observedField,
  observedNull,
  oneOfStrings,
  orNull,
  str,
  type JsonSchema,
} from './json-schema';

/**
 * Webhooks the simulator emits, one schema per `data.event_type`, written from Telnyx's public
 * webhook documentation (API v2 envelope). They describe what the simulator promises to send, so
 * they require every field it always sends; unlisted fields may appear, as they do from Telnyx.
 * test/telnyx-sim/contract-drift.test.ts keeps them from drifting away from Telnyx's OpenAPI file.
 */

/** Identifies the leg in every call event. */
const callIds = {
  call_control_id: str(),
  call_leg_id: str(),
  call_session_id: str(),
  connection_id: str(),
  /** Base64 state the app set on the leg; null until it sets one. */
  client_state: observedNull(str()),
};
const CALL_IDS = Object.keys(callIds);
/** Caller and callee numbers (E.164 or SIP URI), where Telnyx documents them on the event. */
const parties = { from: str(), to: str() };
const PARTIES = ['from', 'to'];

const headers = arrayOf(obj({ name: str(), value: str() }, ['name', 'value']));
const recordingLinks = obj({ mp3: orNull(str()), wav: orNull(str()) });

/** A call event's payload: the leg's ids, then what this event adds. */
const callPayload = (extra: Record<string, JsonSchema>, required: string[] = []): JsonSchema =>
  obj({ ...callIds, ...extra }, [...CALL_IDS, ...required]);

const playbackMedia = { media_url: str(), media_name: str(), overlay: bool() };

/** `message.received`: a text to one of our numbers (Telnyx messaging's message object). */
const lineType = oneOfStrings('Wireline', 'Wireless', 'VoWiFi', 'VoIP', 'Pre-Paid Wireless');
const inboundMessage = obj(
  {
    record_type: oneOfStrings('message'),
    id: str('uuid'),
    direction: oneOfStrings('inbound'),
    type: oneOfStrings('SMS', 'MMS'),
    messaging_profile_id: str(),
    from: obj({ phone_number: str(), carrier: str(), line_type: lineType }, ['phone_number']),
    to: arrayOf(
      obj(
        {
          phone_number: str(),
          carrier: str(),
          line_type: lineType,
          status: oneOfStrings(
            'queued',
            'sending',
            'sent',
            'delivered',
            'sending_failed',
            'delivery_failed',
            'delivery_unconfirmed',
            'webhook_delivered',
          ),
        },
        ['phone_number'],
      ),
    ),
    cc: arrayOf(obj({ phone_number: str() })),
    text: str(),
    media: arrayOf(obj({ url: str(), content_type: str(), size: int() })),
    encoding: str(),
    parts: int(1, 10),
    tags: arrayOf(str()),
    errors: arrayOf(obj({ code: str(), title: str(), detail: str() }, ['code', 'title'])),
    cost: orNull(obj({ amount: str(), currency: str() })),
    received_at: str('date-time'),
    sent_at: orNull(str('date-time')),
    completed_at: orNull(str('date-time')),
    valid_until: orNull(str('date-time')),
    webhook_url: orNull(str()),
    webhook_failover_url: orNull(str()),
  },
  ['record_type', 'id', 'direction', 'type', 'from', 'to', 'text', 'received_at'],
);

/** `data.payload` of every event type the simulator emits, and of `call.recording.error` (Telnyx's, not yet simulated). */
export const EVENT_PAYLOADS = {
  'call.initiated': callPayload(
    {
      ...parties,
      direction: oneOfStrings('incoming', 'outgoing'),
      state: oneOfStrings('parked', 'bridging'),
      start_time: str('date-time'),
      caller_id_name: str(),
      custom_headers: headers,
      tags: arrayOf(str()),
    },
    [...PARTIES, 'direction', 'state', 'start_time'],
  ),
  'call.answered': callPayload(
    {
      ...parties,
      state: oneOfStrings('answered'),
      start_time: str('date-time'),
      custom_headers: headers,
      tags: arrayOf(str()),
    },
    [...PARTIES, 'state', 'start_time'],
  ),
  'call.hangup': callPayload(
    {
      ...parties,
      state: oneOfStrings('hangup'),
      hangup_cause: oneOfStrings(
        'call_rejected',
        'normal_clearing',
        'originator_cancel',
        'timeout',
        'time_limit',
        'user_busy',
        'not_found',
        'no_answer',
        'unspecified',
      ),
      hangup_source: oneOfStrings('caller', 'callee', 'unknown'),
      /** The SIP response code, as a string ("486"). */
      sip_hangup_cause: str(),
      start_time: str('date-time'),
      end_time: observedField(str('date-time')),
      call_quality_stats: orNull({ type: 'object' }),
      tags: arrayOf(str()),
    },
    [...PARTIES, 'state', 'hangup_cause', 'hangup_source', 'sip_hangup_cause', 'start_time'],
  ),
  'call.gather.ended': callPayload(
    {
      ...parties,
      digits: str(),
      status: oneOfStrings('valid', 'invalid', 'call_hangup', 'cancelled', 'cancelled_amd', 'timeout'),
    },
    [...PARTIES, 'digits', 'status'],
  ),
  'call.dtmf.received': callPayload({ ...parties, digit: str() }, [...PARTIES, 'digit']),
  'call.playback.started': callPayload(playbackMedia, ['overlay']),
  'call.playback.ended': callPayload(
    {
      ...playbackMedia,
      status: oneOfStrings(
        'completed',
        'call_hangup',
        'cancelled',
        'cancelled_amd',
        'file_not_found',
        'failed',
        'unknown',
      ),
      status_detail: str(),
    },
    ['overlay', 'status'],
  ),
  'call.speak.started': callPayload({}),
  /** No status when a speak was stopped: Telnyx documents no `cancelled` for speak. */
  'call.speak.ended': callPayload({ status: oneOfStrings('completed', 'call_hangup', 'cancelled_amd') }),
  'call.bridged': callPayload(parties, PARTIES),
  'call.recording.saved': callPayload(
    {
      /** Left out of Telnyx's description of this event, but real payloads carry it. */
      call_control_id: observedField(str()),
      channels: oneOfStrings('single', 'dual'),
      recording_started_at: str('date-time'),
      recording_ended_at: str('date-time'),
      /** Download links, valid for 10 minutes. */
      recording_urls: recordingLinks,
      public_recording_urls: recordingLinks,
      recording_id: observedField(str()),
      format: observedField(oneOfStrings('wav', 'mp3')),
      start_time: observedField(str('date-time')),
      end_time: observedField(str('date-time')),
    },
    ['channels', 'recording_started_at', 'recording_ended_at', 'recording_urls', 'recording_id'],
  ),
  'call.recording.error': callPayload({
    reason: oneOfStrings(
      'Failed to authorize with storage using custom credentials',
      'Invalid credentials json',
      'Unsupported backend',
      'Internal server error',
    ),
  }),
  'call.machine.detection.ended': callPayload(
    { ...parties, result: oneOfStrings('human', 'machine', 'not_sure') },
    [...PARTIES, 'result'],
  ),
  'call.machine.greeting.ended': callPayload(
    { ...parties, result: oneOfStrings('beep_detected', 'ended', 'not_sure') },
    [...PARTIES, 'result'],
  ),
  'call.machine.premium.detection.ended': callPayload(
    {
      ...parties,
      result: oneOfStrings('human_residence', 'human_business', 'machine', 'silence', 'fax_detected'),
    },
    [...PARTIES, 'result'],
  ),
  'call.machine.premium.greeting.ended': callPayload({ ...parties, result: str() }, [...PARTIES, 'result']),
  /** Not in Telnyx's OpenAPI file's webhooks; written from its Call Control webhook documentation. */
  'call.ai_gather.ended': callPayload(
    {
      ...parties,
      status: oneOfStrings('valid', 'invalid'),
      /** The asked parameters the assistant filled in, by name. */
      result: { type: 'object' },
      message_history: arrayOf(obj({ role: oneOfStrings('assistant', 'user'), content: str() })),
    },
    [...PARTIES, 'status'],
  ),
  'call.enqueued': callPayload({ queue: str(), current_position: int(), queue_avg_wait_time_secs: int() }, [
    'queue',
    'current_position',
  ]),
  'call.dequeued': callPayload(
    {
      queue: str(),
      queue_position: int(),
      reason: oneOfStrings('bridged', 'bridging-in-process', 'hangup', 'leave', 'timeout'),
      wait_time_secs: int(),
    },
    ['queue', 'reason'],
  ),
  /** Real-time transcription (transcription_start); Telnyx's OpenAPI file does not describe it. */
  'call.transcription': callPayload(
    {
      transcription_data: obj(
        {
          transcript: str(),
          is_final: bool(),
          confidence: { type: 'number' },
          transcription_track: oneOfStrings('inbound', 'outbound'),
        },
        ['transcript', 'is_final', 'transcription_track'],
      ),
    },
    ['transcription_data'],
  ),
  'message.received': inboundMessage,
} satisfies Record<string, JsonSchema>;

export type EventType = keyof typeof EVENT_PAYLOADS;

/** The whole delivery: `data` as Telnyx documents it, plus the `meta` real deliveries carry. */
export function eventSchema(eventType: EventType): JsonSchema {
  return obj(
    {
      data: obj(
        {
          record_type: oneOfStrings('event'),
          event_type: oneOfStrings(eventType),
          id: str('uuid'),
          occurred_at: str('date-time'),
          payload: EVENT_PAYLOADS[eventType],
        },
        ['record_type', 'event_type', 'id', 'occurred_at', 'payload'],
      ),
      meta: observedField(obj({ attempt: int(1), delivered_to: str() }, ['attempt', 'delivered_to'])),
    },
    ['data'],
  );
}
