import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ContractValidator,
  startTelnyxSimulator,
  type SimulatorOptions,
  type TelnyxSimulator,
  type WebhookEventData,
} from '../../apps/telnyx-sim/src';

export const API_KEY = 'test-key';

export interface Delivery {
  raw: string;
  headers: IncomingHttpHeaders;
  data: WebhookEventData;
  meta: { attempt: number; delivered_to: string };
  signatureValid: boolean;
  receivedAt: number;
}

/** client_state as apps use it: base64 of JSON. */
export const cs = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
export const payloadOf = (d: Delivery) =>
  d.data.payload as Record<string, unknown> & { call_control_id: string };
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Verifies a Telnyx webhook signature exactly as an app would (TELNYX.md §4). */
export function verifyTelnyxSignature(
  raw: string,
  signature: string,
  timestamp: string,
  publicKeyB64: string,
): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(publicKeyB64, 'base64')]),
    format: 'der',
    type: 'spki',
  });
  const sig = Buffer.from(signature, 'base64');
  return sig.length === 64 && verify(null, Buffer.from(`${timestamp}|${raw}`), key, sig);
}

/**
 * A stand-in for the app's webhook endpoint: verifies signatures, records every delivery, answers with
 * whatever status `respond` says, then runs the registered reactions (like a real app would, after
 * acknowledging).
 */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  readonly reactionErrors: unknown[] = [];
  respond: (d: Delivery) => number | Promise<number> = () => 200;
  private readonly reactions: ((d: Delivery) => void | Promise<void>)[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly seen = new Set<string>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly publicKeyB64: string,
  ) {}

  static async start(publicKeyB64: string): Promise<WebhookReceiver> {
    const ref: { receiver?: WebhookReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on(
        'end',
        () => void ref.receiver?.onRequest(Buffer.concat(chunks).toString('utf8'), req.headers, res),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/webhooks/telnyx`, publicKeyB64);
    ref.receiver = receiver;
    return receiver;
  }

  /** Runs on the first delivery of each event id only (apps dedupe on data.id). */
  on(reaction: (d: Delivery) => void | Promise<void>): void {
    this.reactions.push(reaction);
  }

  /** First delivery of each event, in arrival order. */
  events(): Delivery[] {
    const ids = new Set<string>();
    return this.deliveries.filter((d) => !ids.has(d.data.id) && ids.add(d.data.id));
  }

  eventTypesOf(callControlId: string): string[] {
    return this.events()
      .filter((d) => payloadOf(d).call_control_id === callControlId)
      .map((d) => d.data.event_type);
  }

  async waitFor(predicate: (d: Delivery) => boolean, timeoutMs = 5000, what = 'webhook'): Promise<Delivery> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.deliveries.find(predicate);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) {
        const got = this.events().map(
          (d) => `${d.data.event_type}(${String(payloadOf(d).call_control_id).slice(0, 10)})`,
        );
        throw new Error(`timed out waiting for ${what}; received: ${got.join(', ')}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  waitForEvent(eventType: string, callControlId?: string, timeoutMs?: number): Promise<Delivery> {
    return this.waitFor(
      (d) =>
        d.data.event_type === eventType && (!callControlId || payloadOf(d).call_control_id === callControlId),
      timeoutMs,
      `${eventType}${callControlId ? ` on ${callControlId.slice(0, 10)}` : ''}`,
    );
  }

  close(): Promise<void> {
    return new Promise((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }

  private async onRequest(
    raw: string,
    headers: IncomingHttpHeaders,
    res: import('node:http').ServerResponse,
  ) {
    const body = JSON.parse(raw) as { data: WebhookEventData; meta: Delivery['meta'] };
    const d: Delivery = {
      raw,
      headers,
      data: body.data,
      meta: body.meta,
      signatureValid: verifyTelnyxSignature(
        raw,
        String(headers['telnyx-signature-ed25519'] ?? ''),
        String(headers['telnyx-timestamp'] ?? ''),
        this.publicKeyB64,
      ),
      receivedAt: Date.now(),
    };
    this.deliveries.push(d);
    for (const wake of [...this.waiters]) wake();
    const status = await this.respond(d);
    res.writeHead(status).end();
    if (status >= 300 || this.seen.has(d.data.id)) return;
    this.seen.add(d.data.id);
    for (const reaction of this.reactions) {
      try {
        await reaction(d);
      } catch (err) {
        this.reactionErrors.push(err);
      }
    }
  }
}

export interface Harness {
  sim: TelnyxSimulator;
  hooks: WebhookReceiver;
  close(): Promise<void>;
}

export async function startHarness(opts: Partial<SimulatorOptions> = {}): Promise<Harness> {
  const sim = await startTelnyxSimulator({ apiKey: API_KEY, timeScale: 0.05, ...opts });
  const hooks = await WebhookReceiver.start(sim.publicKeyBase64);
  sim.setWebhookUrl(hooks.url);
  return {
    sim,
    hooks,
    close: async () => {
      await sim.close();
      await hooks.close();
    },
  };
}

export interface ApiReply {
  status: number;
  body: any;
  headers: Headers;
}

/** Plain HTTP against the simulator's Telnyx API (for shapes the SDK would refuse to send). */
export async function api(
  sim: TelnyxSimulator,
  method: string,
  path: string,
  body?: unknown,
  apiKey = API_KEY,
): Promise<ApiReply> {
  const res = await fetch(`${sim.apiBaseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

export const action = (sim: TelnyxSimulator, id: string, name: string, body: Record<string, unknown> = {}) =>
  api(
    sim,
    name === 'client_state_update' ? 'PUT' : 'POST',
    `/calls/${encodeURIComponent(id)}/actions/${name}`,
    {
      command_id: randomUUID(),
      ...body,
    },
  );

/** What is wrong with a delivered webhook (signature aside), against the simulator's event schemas. */
export const webhookContractErrors = (d: Delivery): string[] =>
  ContractValidator.get()
    .webhookErrors(JSON.parse(d.raw) as { data: { event_type: string } })
    .map((e) => `${d.data.event_type} ${e}`);

/** Scenario seconds between two events' occurred_at. */
export const scenarioGapS = (a: Delivery, b: Delivery) =>
  (Date.parse(b.data.occurred_at) - Date.parse(a.data.occurred_at)) / 1000;
