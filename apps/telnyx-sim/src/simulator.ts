import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { BrowserLegs } from './browser-legs';
import { CallEngine } from './call-engine';
import { CallStore, toTimeline, type SessionTimeline } from './call-store';
import { CommandHandlers } from './command-handlers';
import { ContractValidator } from './contract/validator';
import { createControlHandler } from './control-api';
import { FaultState, type Faults } from './faults';
import {
  parseInboundText,
  SimMessaging,
  type InboundText,
  type ReceivedMessage,
  type SentMessage,
} from './messaging';
import { SimHttpServer } from './http-server';
import { MailSink, type SunkMessage } from './mail-sink';
import { NumberApi } from './number-api';
import { NumberInventory } from './number-inventory';
import { RecordingApi } from './recording-api';
import {
  parseAgents,
  parseInboundCallScript,
  type AgentBehaviour,
  type InboundCallScript,
  type PlacedCall,
} from './scripts';
import { TelephonyCredentialApi } from './telephony-credentials';
import { WebhookSender } from './webhook-sender';

export interface SimulatorOptions {
  /** 0 = random free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Bearer token the /v2 API requires. */
  apiKey: string;
  /** Where webhooks go (the Call Control App's webhook_event_url); can be set later. */
  webhookUrl?: string;
  /**
   * The app's webhook_event_failover_url: an attempt the primary URL refuses (no answer, not 2xx)
   * goes here at once. Only for the app's own URL, not a command's `webhook_url`.
   */
  failoverWebhookUrl?: string;
  /** Ed25519 signing key; generated when absent. */
  privateKey?: KeyObject;
  /** Real ms per scenario ms (default 1). Every duration, scripted or app-given, is multiplied by it. */
  timeScale?: number;
  /** The Call Control App id that dials must name. */
  connectionId?: string;
  /** Real-time waits between delivery attempts; default [500, 1000, 2000] (4 attempts). */
  webhookRetryDelaysMs?: number[];
  /** Real-time limit per delivery attempt; default 2000. */
  webhookTimeoutMs?: number;
  /** Scenario-time cap on a leg's life (default 600 000), then a forced hangup (cause time_limit). */
  maxCallMs?: number;
  /**
   * Real ms a number order stays `pending` (its numbers `purchase-pending`) before it succeeds;
   * default 0: orders complete at once. Not scaled by `timeScale`: orders belong to no call.
   */
  numberOrderDelayMs?: number;
  /**
   * Also run an SMTP sink on this port (0 = a free one) that keeps every message it is sent, listed
   * at `GET /sim/mail`: where the development stack's forwarded email goes. Default: none.
   */
  mailSinkPort?: number;
}

export interface TelnyxSimulator {
  /** http://HOST:PORT */
  url: string;
  /** url + '/v2': what TELNYX_BASE_URL must be set to. */
  apiBaseUrl: string;
  /** Raw 32-byte Ed25519 public key, base64: what TELNYX_PUBLIC_KEY must be. */
  publicKeyBase64: string;
  connectionId: string;
  setWebhookUrl(url: string): void;
  /** Same as POST /sim/calls. */
  placeCall(call: InboundCallScript): Promise<PlacedCall>;
  session(callSessionId: string): SessionTimeline | undefined;
  sessions(): SessionTimeline[];
  /** Resolves when no leg is alive, no timer is pending and no webhook is queued or in flight. */
  idle(): Promise<void>;
  setFaults(f: Faults): void;
  /**
   * Same as POST /sim/agents: how destinations behave when a session's script does not name them,
   * e.g. the callee of a click-to-call, whose session no placed call scripted. Replaces the map.
   */
  setDefaultAgents(agents: Record<string, AgentBehaviour>): void;
  /** Same as POST /sim/messages: a text from a handset to one of our numbers (`message.received`). */
  receiveText(text: InboundText): ReceivedMessage;
  /** Messages the app sent with `POST /v2/messages`, oldest first (also `GET /sim/messages`). */
  sentMessages(): SentMessage[];
  /** `smtp://host:port` of the mail sink, when one runs (`mailSinkPort`). */
  smtpUrl: string | null;
  /** Messages the mail sink was sent, oldest first (also `GET /sim/mail`). */
  mail(): SunkMessage[];
  /** The recordings the carrier still holds (not deleted), oldest first (also `GET /sim/recordings`). */
  heldRecordings(): HeldRecording[];
  close(): Promise<void>;
}

/** A recording the simulated carrier keeps, and the call it was made on. */
export interface HeldRecording {
  id: string;
  callSessionId: string;
  from: string;
  to: string;
}

export const DEFAULT_CONNECTION_ID = '2890001112223334445';

export function publicKeyBase64Of(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
}

export async function startTelnyxSimulator(opts: SimulatorOptions): Promise<TelnyxSimulator> {
  if (!opts.apiKey) throw new Error('startTelnyxSimulator: apiKey is required');
  const timeScale = opts.timeScale ?? 1;
  if (!(timeScale > 0) || !Number.isFinite(timeScale))
    throw new Error('startTelnyxSimulator: timeScale must be > 0');
  const host = opts.host ?? '127.0.0.1';
  const connectionId = opts.connectionId ?? DEFAULT_CONNECTION_ID;
  const privateKey = opts.privateKey ?? generateKeyPairSync('ed25519').privateKey;
  const publicKeyBase64 = publicKeyBase64Of(privateKey);
  const validator = ContractValidator.get();

  let webhookUrl = opts.webhookUrl;
  let baseUrl = '';
  let closed = false;
  const faults = new FaultState();
  let defaultAgents: Record<string, AgentBehaviour> = {};
  const idleWaiters = new Set<() => void>();

  const store = new CallStore(timeScale, () => checkIdle());
  const sender = new WebhookSender({
    privateKey,
    retryDelaysMs: opts.webhookRetryDelaysMs ?? [500, 1000, 2000],
    timeoutMs: opts.webhookTimeoutMs ?? 2000,
    faults: () => faults.get(),
    onSettled: () => checkIdle(),
    connectionUrls: () => ({ primary: webhookUrl, failover: opts.failoverWebhookUrl }),
  });
  const engine = new CallEngine(store, sender, {
    connectionId,
    maxCallMs: opts.maxCallMs ?? 600_000,
    webhookUrl: () => webhookUrl,
    baseUrl: () => baseUrl,
    onChange: () => checkIdle(),
    defaultAgents: () => defaultAgents,
    selfCheck: process.env.SIM_VALIDATE_WEBHOOKS === '1' ? validator : undefined,
  });
  const handlers = new CommandHandlers(engine, store, connectionId, validator);
  const numberOrderDelayMs = opts.numberOrderDelayMs ?? 0;
  if (!(numberOrderDelayMs >= 0)) throw new Error('startTelnyxSimulator: numberOrderDelayMs must be >= 0');
  const inventory = new NumberInventory(numberOrderDelayMs);
  const credentials = new TelephonyCredentialApi();
  const recordings = new RecordingApi({
    find: (id) => engine.recording(id),
    remove: (id) => engine.deleteRecording(id),
    held: () => engine.heldRecordings(),
    baseUrl: () => baseUrl,
    faults: () => faults.get(),
    connectionId,
  });
  const messaging = new SimMessaging({ sender, webhookUrl: () => webhookUrl, validator });

  const isIdle = () => store.aliveLegCount() === 0 && store.pendingTimerCount() === 0 && sender.pending === 0;
  function checkIdle(): void {
    if (idleWaiters.size === 0 || !(closed || isIdle())) return;
    for (const wake of [...idleWaiters]) wake();
  }
  const idle = () =>
    new Promise<void>((resolve) => {
      if (closed || isIdle()) return resolve();
      const wake = () => (idleWaiters.delete(wake), resolve());
      idleWaiters.add(wake);
    });
  const waitIdle = (timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => (idleWaiters.delete(wake), resolve(false)), timeoutMs);
      const wake = () => (clearTimeout(timer), idleWaiters.delete(wake), resolve(true));
      if (closed || isIdle()) return wake();
      idleWaiters.add(wake);
    });

  const placeCall = (script: InboundCallScript): PlacedCall => {
    const leg = engine.placeInbound(script);
    return {
      call_control_id: leg.callControlId,
      call_leg_id: leg.callLegId,
      call_session_id: leg.session.id,
    };
  };
  const setWebhookUrl = (url: string) => {
    webhookUrl = url;
  };
  const setFaults = (f: Faults) => faults.set(f);

  const http = new SimHttpServer({
    apiKey: opts.apiKey,
    store,
    handlers,
    numbers: new NumberApi(inventory, connectionId),
    faults,
    messaging,
    credentials,
    recordings,
    control: createControlHandler({
      store,
      faults,
      publicKeyBase64,
      placeCall,
      setFaults,
      setWebhookUrl,
      webhookUrl: () => webhookUrl,
      recordingFile: (fileName, link) => recordings.download(fileName, link),
      heldRecordings: () => recordings.list(),
      health: () => ({
        alive_legs: store.aliveLegCount(),
        pending_timers: store.pendingTimerCount(),
        pending_webhooks: sender.pending,
        sessions: store.allSessions().length,
      }),
      reset: () => store.forgetEnded((id) => sender.hasPending(id)),
      resetNumbers: () => inventory.reset(),
      waitIdle,
      messaging,
      browserLegs: new BrowserLegs(engine, store),
      defaultAgents: () => defaultAgents,
      setDefaultAgents: (a) => {
        defaultAgents = a;
      },
      resetCredentials: () => credentials.reset(),
      mail: () => mailSink?.messages ?? null,
    }),
  });
  const address = await http.listen(opts.port ?? 0, host);
  let mailSink: MailSink | undefined;
  if (opts.mailSinkPort !== undefined) {
    mailSink = new MailSink();
    try {
      await mailSink.start(opts.mailSinkPort, host);
    } catch (err) {
      await http.close();
      throw err;
    }
  }
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${hostPart}:${address.port}`;

  return {
    url: baseUrl,
    apiBaseUrl: `${baseUrl}/v2`,
    publicKeyBase64,
    connectionId,
    setWebhookUrl,
    placeCall: async (call) => placeCall(parseInboundCallScript(call)),
    session: (id) => {
      const s = store.session(id);
      return s ? toTimeline(s) : undefined;
    },
    sessions: () => store.allSessions().map(toTimeline),
    idle,
    setFaults,
    setDefaultAgents: (a) => {
      defaultAgents = parseAgents(a, 'agents');
    },
    receiveText: (t) => {
      const parsed = parseInboundText(t);
      if (typeof parsed === 'string') throw new Error(`receiveText: ${parsed}`);
      return messaging.receive(parsed);
    },
    sentMessages: () => [...messaging.sent],
    smtpUrl: mailSink?.url ?? null,
    mail: () => [...(mailSink?.messages ?? [])],
    heldRecordings: () =>
      engine.heldRecordings().map(({ rec, leg }) => ({
        id: rec.id,
        callSessionId: leg.session.id,
        from: leg.from,
        to: leg.to,
      })),
    close: async () => {
      if (closed) return;
      closed = true;
      store.stopAll();
      sender.close();
      checkIdle();
      await Promise.all([http.close(), mailSink?.stop()]);
    },
  };
}
