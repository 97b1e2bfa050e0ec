import { arrayOf, bool, int, obj, oneOfStrings, orNull, str, type JsonSchema } from './json-schema';

/**
 * Request bodies of every Telnyx command the simulator implements, written from Telnyx's public
 * Call Control and Messaging documentation: each documented field of these commands that the app or
 * the simulator uses, with its type, allowed values and whether it is required. Unlisted fields pass
 * unchecked, as they may at Telnyx. test/telnyx-sim/contract-drift.test.ts keeps them from drifting
 * away from Telnyx's own OpenAPI description.
 */

/** Every command may carry these: state echoed in later webhooks, and an idempotency key. */
const common = { client_state: str(), command_id: str() };

const headers = arrayOf(obj({ name: str(), value: str() }, ['name', 'value']));
const channels = oneOfStrings('single', 'dual');
const audioFormat = oneOfStrings('wav', 'mp3');
const httpMethod = oneOfStrings('POST', 'GET');
/** A number of plays, or the string "infinity". */
const loop: JsonSchema = { type: ['string', 'integer'] };
const amd = oneOfStrings('premium', 'detect', 'detect_beep', 'detect_words', 'greeting_end', 'disabled');

/** Text-to-speech languages Telnyx documents for speak and gather_using_speak. */
// prettier-ignore
const SPEAK_LANGUAGES = [
  'arb', 'cmn-CN', 'cy-GB', 'da-DK', 'de-DE', 'en-AU', 'en-GB', 'en-GB-WLS', 'en-IN', 'en-US',
  'es-ES', 'es-MX', 'es-US', 'fr-CA', 'fr-FR', 'hi-IN', 'is-IS', 'it-IT', 'ja-JP', 'ko-KR',
  'nb-NO', 'nl-NL', 'pl-PL', 'pt-BR', 'pt-PT', 'ro-RO', 'ru-RU', 'sv-SE', 'tr-TR',
];

const speech = {
  payload: str(),
  voice: str(),
  language: oneOfStrings(...SPEAK_LANGUAGES),
  payload_type: oneOfStrings('text', 'ssml'),
  service_level: oneOfStrings('basic', 'premium'),
};

/** Recording a leg from the moment it is answered (answer, dial, transfer, bridge). */
const recordOnAnswer = {
  record: oneOfStrings('record-from-answer'),
  record_channels: channels,
  record_format: audioFormat,
  record_max_length: int(),
  record_timeout_secs: int(),
  record_track: oneOfStrings('both', 'inbound', 'outbound'),
  record_trim: oneOfStrings('trim-silence'),
  record_custom_file_name: str(),
};

/** Where this leg's later webhooks go instead of the Call Control App's URL. */
const webhookTarget = { webhook_url: str(), webhook_url_method: httpMethod };

/** Keys a gather collects, and how long it waits for them. */
const digits = {
  minimum_digits: int(),
  maximum_digits: int(),
  timeout_millis: int(),
  inter_digit_timeout_millis: int(),
  terminating_digit: str(),
  valid_digits: str(),
};

/** Placing a new leg: dial, and transfer (which dials the new leg for the commanded one). */
const outbound = {
  from: str(),
  from_display_name: str(),
  timeout_secs: int(),
  time_limit_secs: int(30, 14_400),
  answering_machine_detection: amd,
  audio_url: str(),
  media_name: str(),
  custom_headers: headers,
  park_after_unbridge: str(),
  send_digits_on_answer: str(),
  sip_auth_username: str(),
  sip_auth_password: str(),
  ...webhookTarget,
  ...recordOnAnswer,
};

export interface CommandContract {
  method: 'POST' | 'PUT';
  body: JsonSchema;
}

const post = (body: JsonSchema): CommandContract => ({ method: 'POST', body });

/** `/v2/calls/{call_control_id}/actions/<name>`: the commands the simulator implements. */
export const COMMANDS = {
  answer: post(obj({ ...common, ...webhookTarget, custom_headers: headers, ...recordOnAnswer })),
  reject: post(obj({ ...common, cause: oneOfStrings('CALL_REJECTED', 'USER_BUSY') }, ['cause'])),
  hangup: post(obj({ ...common, custom_headers: headers })),
  speak: post(
    obj(
      {
        ...common,
        ...speech,
        loop,
        stop: str(),
        target_legs: oneOfStrings('self', 'opposite', 'both'),
      },
      ['payload', 'voice'],
    ),
  ),
  playback_start: post(
    obj({
      ...common,
      audio_url: str(),
      media_name: str(),
      playback_content: str(),
      audio_type: audioFormat,
      loop,
      overlay: bool(),
      stop: str(),
      target_legs: str(),
      cache_audio: bool(),
    }),
  ),
  playback_stop: post(obj({ ...common, stop: str(), overlay: bool() })),
  gather: post(obj({ ...common, ...digits, initial_timeout_millis: int(), gather_id: str() })),
  gather_using_speak: post(
    obj({ ...common, ...speech, ...digits, invalid_payload: str(), maximum_tries: int() }, [
      'payload',
      'voice',
    ]),
  ),
  gather_using_audio: post(
    obj({
      ...common,
      ...digits,
      audio_url: str(),
      media_name: str(),
      invalid_audio_url: str(),
      invalid_media_name: str(),
      maximum_tries: int(),
    }),
  ),
  gather_using_ai: post(
    obj(
      {
        ...common,
        parameters: { type: 'object' },
        greeting: str(),
        voice: str(),
        gather_ended_speech: str(),
        user_response_timeout_ms: int(),
        send_partial_results: bool(),
        send_message_history_updates: bool(),
        message_history: arrayOf(obj({ role: oneOfStrings('assistant', 'user'), content: str() })),
      },
      ['parameters'],
    ),
  ),
  gather_stop: post(obj(common)),
  transfer: post(
    obj(
      {
        ...common,
        ...outbound,
        to: str(),
        target_leg_client_state: str(),
        early_media: bool(),
      },
      ['to'],
    ),
  ),
  bridge: post(
    obj(
      {
        ...common,
        call_control_id: str(),
        park_after_unbridge: str(),
        prevent_double_bridge: bool(),
        play_ringtone: bool(),
        hold_after_unbridge: bool(),
        mute_dtmf: oneOfStrings('none', 'both', 'self', 'opposite'),
        queue: str(),
        ...recordOnAnswer,
      },
      ['call_control_id'],
    ),
  ),
  record_start: post(
    obj(
      {
        ...common,
        format: audioFormat,
        channels,
        play_beep: bool(),
        max_length: int(),
        timeout_secs: int(),
        recording_track: oneOfStrings('both', 'inbound', 'outbound'),
        trim: oneOfStrings('trim-silence'),
        custom_file_name: str(),
        transcription: bool(),
      },
      ['format', 'channels'],
    ),
  ),
  transcription_start: post(
    obj({
      ...common,
      transcription_engine: oneOfStrings(
        'Google',
        'Telnyx',
        'Deepgram',
        'Azure',
        'xAI',
        'AssemblyAI',
        'Speechmatics',
        'Soniox',
        'Parakeet',
        'A',
        'B',
      ),
      /** `inbound` (the leg's own audio), `outbound` (the other side) or `both`; Telnyx types it as a plain string. */
      transcription_tracks: str(),
    }),
  ),
  record_stop: post(obj({ ...common, recording_id: str('uuid') })),
  record_pause: post(obj({ ...common, recording_id: str('uuid') })),
  record_resume: post(obj({ ...common, recording_id: str('uuid') })),
  send_dtmf: post(obj({ ...common, digits: str(), duration_millis: int() }, ['digits'])),
  enqueue: post(
    obj(
      {
        ...common,
        queue_name: str(),
        max_wait_time_secs: int(),
        max_size: int(),
        keep_after_hangup: bool(),
      },
      ['queue_name'],
    ),
  ),
  leave_queue: post(obj(common)),
  client_state_update: { method: 'PUT', body: obj({ client_state: str() }, ['client_state']) },
} satisfies Record<string, CommandContract>;

export type CommandName = keyof typeof COMMANDS;

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/** `POST /v2/calls`: a new outbound leg, optionally in an existing call's session (`link_to`). */
export const DIAL_BODY: JsonSchema = obj(
  {
    ...common,
    ...outbound,
    connection_id: str(),
    /** One destination, or several (the simulator rings the first). */
    to: { oneOf: [str(), arrayOf(str())] },
    link_to: str(),
    bridge_intent: bool(),
    bridge_on_answer: bool(),
    prevent_double_bridge: bool(),
    retry_on_timeout: bool(),
  },
  ['connection_id', 'to', 'from'],
);

/** `POST /v2/messages`: send an SMS (or MMS) from one of our numbers or a messaging profile. */
export const SEND_MESSAGE_BODY: JsonSchema = obj(
  {
    to: str(),
    from: str(),
    text: str(),
    messaging_profile_id: str(),
    media_urls: arrayOf(str()),
    subject: str(),
    type: oneOfStrings('SMS', 'MMS'),
    encoding: oneOfStrings('auto', 'gsm7', 'ucs2'),
    auto_detect: bool(),
    send_at: orNull(str('date-time')),
    use_profile_webhooks: bool(),
    webhook_url: str(),
    webhook_failover_url: str(),
  },
  ['to'],
);
