import { randomUUID } from 'node:crypto';
import type { WebhookRecord } from './call-store';
import type { CommandResult } from './command-handlers';
import type { ContractValidator } from './contract/validator';
import { TelnyxApiError, TelnyxErrors } from './errors';
import type { WebhookEventData } from './event-factory';
import { isoMicros, realNowMs } from './sim-clock';
import type { WebhookSender } from './webhook-sender';

/** The single messaging profile the simulator pretends every number is on. */
export const SIM_MESSAGING_PROFILE_ID = '40017f8e-49bd-4b2c-a0f4-1d8e1a2b3c4d';

/** A `POST /v2/messages` the simulator accepted, as the control API lists it. */
export interface SentMessage {
  id: string;
  from: string | null;
  to: string;
  text: string | null;
  messaging_profile_id: string | null;
  webhook_url: string | null;
  sent_at: string;
}

/** A `message.received` webhook placed with `POST /sim/messages`, with its delivery record. */
export interface ReceivedMessage {
  event_id: string;
  message_id: string;
  from: string;
  to: string;
  text: string;
  webhook: WebhookRecord;
}

export interface InboundText {
  from: string;
  to: string;
  text: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;
/** US short codes: 5 or 6 digits. */
const SHORT_CODE = /^\d{5,6}$/;

/** Telnyx messaging's own error codes for bad addresses (40305 from, 40310 to). */
const badAddress = (field: 'from' | 'to') =>
  new TelnyxApiError(422, [
    {
      code: field === 'from' ? '40305' : '40310',
      title: `Invalid '${field}' address`,
      detail: `The '${field}' address must be a +E.164 phone number.`,
      source: { pointer: `/${field}` },
    },
  ]);

const partsOf = (text: string) => Math.min(10, Math.max(1, Math.ceil(text.length / 160)));

/**
 * Telnyx messaging, just enough for SMS tracking: `POST /v2/messages` is validated against the
 * contract (contract/commands.ts) and recorded (nothing is delivered anywhere), and inbound texts become
 * signed `message.received` webhooks through the same sender (and URL) as call events. Each
 * (to, from) pair is one delivery queue, so the texts of one conversation arrive in order.
 */
export class SimMessaging {
  readonly sent: SentMessage[] = [];
  readonly received: ReceivedMessage[] = [];

  constructor(
    private readonly deps: {
      sender: WebhookSender;
      webhookUrl: () => string | undefined;
      validator: ContractValidator;
    },
  ) {}

  send(body: Record<string, unknown>): CommandResult {
    try {
      const invalid = this.deps.validator.validateSendMessage(body);
      if (invalid) throw invalid;
      const to = body.to as string;
      if (!E164.test(to) && !SHORT_CODE.test(to)) throw badAddress('to');
      const from = typeof body.from === 'string' ? body.from : null;
      const profile = typeof body.messaging_profile_id === 'string' ? body.messaging_profile_id : null;
      // Telnyx needs a sender: a number (or alphanumeric id) or a profile whose pool picks one.
      if (from === null && profile === null) throw TelnyxErrors.missingParameter('/from');
      if (from !== null && !E164.test(from) && !SHORT_CODE.test(from)) throw badAddress('from');
      const text = typeof body.text === 'string' ? body.text : null;
      const msg: SentMessage = {
        id: randomUUID(),
        from,
        to,
        text,
        messaging_profile_id: profile,
        webhook_url: typeof body.webhook_url === 'string' ? body.webhook_url : null,
        sent_at: isoMicros(Date.now()),
      };
      this.sent.push(msg);
      return { status: 200, body: { data: this.outboundPayload(msg, body) } };
    } catch (err) {
      if (err instanceof TelnyxApiError) return { status: err.status, body: err.toBody() };
      throw err;
    }
  }

  /** Delivers a text from a handset to one of our numbers as a signed `message.received` webhook. */
  receive(t: InboundText): ReceivedMessage {
    const url = this.deps.webhookUrl();
    const now = Date.now();
    const messageId = randomUUID();
    const data: WebhookEventData = {
      record_type: 'event',
      event_type: 'message.received',
      id: randomUUID(),
      occurred_at: isoMicros(now),
      payload: {
        record_type: 'message',
        id: messageId,
        direction: 'inbound',
        type: 'SMS',
        messaging_profile_id: SIM_MESSAGING_PROFILE_ID,
        from: { phone_number: t.from, carrier: 'Telnyx Sim Wireless', line_type: 'Wireless' },
        to: [{ phone_number: t.to, carrier: 'Telnyx', line_type: 'Wireless', status: 'webhook_delivered' }],
        cc: [],
        text: t.text,
        media: [],
        encoding: 'GSM-7',
        parts: partsOf(t.text),
        tags: [],
        errors: [],
        cost: null,
        received_at: isoMicros(now),
        sent_at: null,
        completed_at: null,
        valid_until: null,
        // Telnyx documents a `url` format here, which loopback hosts (all the simulator has) fail.
        webhook_url: null,
        webhook_failover_url: null,
      },
    };
    const record: WebhookRecord = {
      event_id: data.id,
      event_type: data.event_type,
      call_control_id: '',
      occurred_at: data.occurred_at,
      generated_t_ms: realNowMs(),
      url: url ?? null,
      attempts: [],
      delivered: false,
      failed: false,
    };
    this.deps.sender.enqueue({ sessionId: `sms:${t.to}:${t.from}`, url, data, record });
    const received: ReceivedMessage = { event_id: data.id, message_id: messageId, ...t, webhook: record };
    this.received.push(received);
    return received;
  }

  reset(): number {
    const n = this.sent.length + this.received.length;
    this.sent.length = 0;
    this.received.length = 0;
    return n;
  }

  private outboundPayload(msg: SentMessage, body: Record<string, unknown>): Record<string, unknown> {
    const text = msg.text ?? '';
    return {
      record_type: 'message',
      id: msg.id,
      direction: 'outbound',
      type: body.type === 'MMS' ? 'MMS' : 'SMS',
      messaging_profile_id: msg.messaging_profile_id ?? SIM_MESSAGING_PROFILE_ID,
      from: { phone_number: msg.from ?? '', carrier: 'Telnyx', line_type: 'Wireless' },
      to: [{ phone_number: msg.to, carrier: 'Telnyx Sim Wireless', line_type: 'Wireless', status: 'queued' }],
      cc: [],
      text,
      media: [],
      encoding: 'GSM-7',
      parts: partsOf(text),
      tags: [],
      errors: [],
      cost: null,
      received_at: msg.sent_at,
      sent_at: null,
      completed_at: null,
      valid_until: null,
      webhook_url: msg.webhook_url,
      webhook_failover_url: null,
    };
  }
}

/** `POST /sim/messages` body. */
export function parseInboundText(body: unknown): InboundText | string {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  for (const f of ['from', 'to'] as const) {
    if (typeof b[f] !== 'string' || !E164.test(b[f])) return `${f} must be an E.164 number`;
  }
  if (typeof b.text !== 'string' || b.text === '') return 'text must be a non-empty string';
  return { from: b.from as string, to: b.to as string, text: b.text };
}
