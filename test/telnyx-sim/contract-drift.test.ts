import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TelnyxMessaging, TelnyxTelephony } from '../../libs/telephony/src';
import {
  COMMANDS,
  ContractValidator,
  DIAL_BODY,
  EVENT_PAYLOADS,
  eventSchema,
  SEND_MESSAGE_BODY,
  type EventType,
  type JsonSchema,
} from '../../apps/telnyx-sim/src';
import { API_KEY, cs, payloadOf, startHarness, type Delivery, type Harness } from './helpers';
import { schemaDrift, withoutObservedNulls } from './schema-drift';
import { findTelnyxSpec, TelnyxSpec } from './telnyx-spec';

/**
 * The simulator's Telnyx schemas (apps/telnyx-sim/src/contract) against Telnyx's own OpenAPI file,
 * when there is one (CI has it beside the repo): they must not drift from it, and what the app
 * really sends, and what the simulator really emits, must be valid for both.
 */
const found = findTelnyxSpec();
const skip = 'missing' in found ? `Telnyx's OpenAPI file is not here (${found.missing})` : false;

/**
 * Event types Telnyx's file does not describe (premium AMD, transcription; the AI gather's end,
 * which its file names only in the command's description): checked against our schemas only.
 */
const NOT_IN_SPEC = [
  'call.machine.premium.detection.ended',
  'call.machine.premium.greeting.ended',
  'call.ai_gather.ended',
  'call.transcription',
];

const CALLER = '+15125550142';
const NUMBER = '+17375550100';
const AGENT = '+15125550111';

describe('the simulator’s Telnyx schemas against Telnyx’s OpenAPI file', { skip }, () => {
  let spec: TelnyxSpec;
  before(() => {
    spec = TelnyxSpec.load((found as { path: string }).path);
  });

  /** Every drift of one request schema, prefixed with where it is. */
  function requestDrift(name: string, specPath: string, ours: JsonSchema): string[] {
    const keys = spec.requestBodyKeys(specPath);
    if (!keys) return [`${name}: Telnyx has no request body for ${specPath}`];
    return schemaDrift(ours, spec.at(keys), spec.deref).map((d) => `${name} ${d}`);
  }

  it('declares every command, the dial and the send-message body as Telnyx does', () => {
    const drift: string[] = [];
    for (const [name, c] of Object.entries(COMMANDS)) {
      const method = spec.commandMethod(name);
      if (method !== c.method)
        drift.push(`${name}: Telnyx takes ${method ?? 'no such command'}, ours ${c.method}`);
      drift.push(...requestDrift(name, `/calls/{call_control_id}/actions/${name}`, c.body));
    }
    drift.push(...requestDrift('dial', '/calls', DIAL_BODY));
    drift.push(...requestDrift('send message', '/messages', SEND_MESSAGE_BODY));
    assert.deepEqual(drift, []);
  });

  it('declares every webhook as Telnyx does', () => {
    const drift: string[] = [];
    const unknownToSpec: string[] = [];
    for (const type of Object.keys(EVENT_PAYLOADS) as EventType[]) {
      const keys = spec.webhookBodyKeys(type);
      if (!keys) unknownToSpec.push(type);
      else
        drift.push(...schemaDrift(eventSchema(type), spec.at(keys), spec.deref).map((d) => `${type} ${d}`));
    }
    assert.deepEqual(drift, []);
    assert.deepEqual(
      unknownToSpec,
      NOT_IN_SPEC,
      'only premium AMD, transcription and the AI gather’s end are missing from Telnyx’s file',
    );
  });

  it('notices drift: a value, a field, a type or a requirement Telnyx does not have', () => {
    const speakEnded = eventSchema('call.speak.ended');
    const status = speakEnded.properties!.data.properties!.payload.properties!.status;
    const drifted = structuredClone(speakEnded);
    drifted.properties!.data.properties!.payload.properties!.status = {
      ...status,
      enum: [...status.enum!, 'cancelled'],
    };
    assert.deepEqual(schemaDrift(drifted, spec.at(spec.webhookBodyKeys('call.speak.ended')!), spec.deref), [
      '/data/payload/status: "cancelled" is not one of Telnyx\'s values',
    ]);

    const speak = COMMANDS.speak.body;
    const keys = spec.requestBodyKeys('/calls/{call_control_id}/actions/speak')!;
    const loose: JsonSchema = {
      ...speak,
      properties: { ...speak.properties, volume: { type: 'integer' }, payload: { type: 'integer' } },
      required: ['payload'],
    };
    assert.deepEqual(schemaDrift(loose, spec.at(keys), spec.deref).sort(), [
      '/payload: type integer is not allowed by Telnyx (string)',
      '/voice: Telnyx requires it; ours does not',
      "/volume: not in Telnyx's schema",
    ]);
  });

  describe('a short call the app drives through its own Telnyx client', () => {
    let h: Harness;
    let proxy: Server;
    /** Every request the app sent, as the simulator received it. */
    const sent: { method: string; path: string; body: unknown }[] = [];

    before(async () => {
      h = await startHarness({ timeScale: 0.05 });
      // Records each request on its way to the simulator.
      proxy = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          sent.push({
            method: req.method ?? '',
            path: req.url ?? '',
            body: raw ? JSON.parse(raw) : undefined,
          });
          void fetch(`${h.sim.url}${req.url}`, {
            method: req.method,
            headers: { authorization: String(req.headers.authorization), 'content-type': 'application/json' },
            body: raw || undefined,
          }).then(async (r) => {
            res
              .writeHead(r.status, { 'content-type': 'application/json' })
              .end(Buffer.from(await r.arrayBuffer()));
          });
        });
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      const baseUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v2`;
      const tel = new TelnyxTelephony({ apiKey: API_KEY, baseUrl, connectionId: h.sim.connectionId });
      const texts = new TelnyxMessaging({ apiKey: API_KEY, baseUrl });
      const state = cs({ step: 'drift' });
      const cmd = () => ({ clientState: state, commandId: randomUUID() });
      const nth = (type: string, id: string, n: number) =>
        h.hooks.waitFor(
          () =>
            h.hooks.events().filter((d) => d.data.event_type === type && payloadOf(d).call_control_id === id)
              .length >= n,
          5000,
          `${type} #${n}`,
        );

      const { call_control_id: id } = await h.sim.placeCall({
        from: CALLER,
        to: NUMBER,
        caller: [{ press: '1' }],
        agents: { [AGENT]: { answer_after_s: 1 } },
        conversation: [{ speaker: 'caller', text: 'I would like a tour' }],
      });
      await h.hooks.waitForEvent('call.initiated', id);
      await tel.answer(id, cmd());
      await h.hooks.waitForEvent('call.answered', id);
      await tel.speak(id, { text: 'Thanks for calling.', voice: 'female', language: 'en-US', ...cmd() });
      await h.hooks.waitForEvent('call.speak.ended', id);
      const keys = { validDigits: '12', maxDigits: 1, timeoutMillis: 2000 };
      await tel.gather(id, { text: 'Press 1 for leasing.', voice: 'female', ...keys, ...cmd() });
      await nth('call.gather.ended', id, 1);
      await tel.gather(id, { audioUrl: 'https://example.org/menu.mp3', ...keys, ...cmd() });
      await nth('call.gather.ended', id, 2);
      await tel.playAudio(id, { url: 'https://example.org/hold.mp3', loop: 'infinity', ...cmd() });
      await nth('call.playback.started', id, 2);
      await tel.stopPlayback(id, { commandId: randomUUID() });
      await nth('call.playback.ended', id, 2);
      const agent = await tel.dial({ to: AGENT, from: NUMBER, linkTo: id, timeoutSecs: 20, ...cmd() });
      await h.hooks.waitForEvent('call.answered', agent.callControlId);
      await tel.bridge(id, { otherCallControlId: agent.callControlId, commandId: randomUUID() });
      await h.hooks.waitForEvent('call.bridged', id);
      await tel.startRecording(id, { channels: 'dual', playBeep: true, maxLengthSecs: 0, ...cmd() });
      await tel.startTranscription(id, cmd());
      await h.hooks.waitForEvent('call.transcription', id);
      await tel.pauseRecording(id, { commandId: randomUUID() });
      await tel.resumeRecording(id, { commandId: randomUUID() });
      await tel.hangup(id, { commandId: randomUUID() });
      await h.hooks.waitForEvent('call.recording.saved', id);

      const { call_control_id: busy } = await h.sim.placeCall({ from: CALLER, to: NUMBER });
      await h.hooks.waitForEvent('call.initiated', busy);
      await tel.reject(busy, { cause: 'USER_BUSY', commandId: randomUUID() });
      await h.hooks.waitForEvent('call.hangup', busy);

      await texts.send({ from: NUMBER, to: CALLER, text: 'Thanks for calling Sunset Apartments.' });
      h.sim.receiveText({ from: CALLER, to: NUMBER, text: 'Is the 2-bedroom still available?' });
      await h.hooks.waitForEvent('message.received');
      await h.sim.idle();
    });
    after(async () => {
      await new Promise<void>((r) => proxy?.close(() => r()));
      await h?.close();
    });

    it('sends only requests valid for both our schemas and Telnyx’s', () => {
      const ours = ContractValidator.get();
      const problems: string[] = [];
      const names: string[] = [];
      for (const r of sent) {
        const action = /^\/v2\/calls\/[^/]+\/actions\/([a-z_]+)$/.exec(r.path)?.[1];
        const [name, specPath, mine] =
          r.path === '/v2/calls'
            ? ['dial', '/calls', ours.validateDial(r.body)]
            : r.path === '/v2/messages'
              ? ['send message', '/messages', ours.validateSendMessage(r.body)]
              : action && action in COMMANDS
                ? [
                    action,
                    `/calls/{call_control_id}/actions/${action}`,
                    ours.validateCommand(action as keyof typeof COMMANDS, r.body),
                  ]
                : [r.path, '', undefined];
        names.push(name);
        if (mine) problems.push(`${name} (ours): ${mine.message}`);
        const keys = specPath ? spec.requestBodyKeys(specPath) : undefined;
        if (!keys) problems.push(`${name}: no Telnyx schema`);
        else problems.push(...spec.errors(keys, r.body).map((e) => `${name} (Telnyx): ${e}`));
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(
        [...new Set(names)].sort(),
        [
          'answer',
          'bridge',
          'dial',
          'gather_using_audio',
          'gather_using_speak',
          'hangup',
          'playback_start',
          'playback_stop',
          'record_pause',
          'record_resume',
          'record_start',
          'reject',
          'send message',
          'speak',
          'transcription_start',
        ],
        'every kind of request the app makes',
      );
    });

    it('receives only webhooks valid for both our schemas and Telnyx’s', () => {
      const ours = ContractValidator.get();
      const problems: string[] = [];
      const deliveries: Delivery[] = h.hooks.events();
      for (const d of deliveries) {
        const type = d.data.event_type as EventType;
        const body = JSON.parse(d.raw) as { data: { event_type: string } };
        problems.push(...ours.webhookErrors(body).map((e) => `${type} (ours): ${e}`));
        const keys = spec.webhookBodyKeys(type);
        if (!keys) {
          if (!NOT_IN_SPEC.includes(type)) problems.push(`${type}: no Telnyx schema`);
          continue;
        }
        const forTelnyx = withoutObservedNulls(body, eventSchema(type));
        problems.push(...spec.errors(keys, forTelnyx).map((e) => `${type} (Telnyx): ${e}`));
      }
      assert.deepEqual(problems, []);
      const types = new Set(deliveries.map((d) => d.data.event_type));
      for (const t of [
        'call.initiated',
        'call.answered',
        'call.speak.ended',
        'call.dtmf.received',
        'call.gather.ended',
        'call.playback.ended',
        'call.bridged',
        'call.recording.saved',
        'call.transcription',
        'call.hangup',
        'message.received',
      ]) {
        assert.ok(types.has(t), `the call produced ${t}`);
      }
    });
  });
});
