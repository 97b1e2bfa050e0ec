import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallStore, CommandRecord, Session } from './call-store';
import type { Body, CommandHandlers, CommandResult } from './command-handlers';
import { isCommandName, type CommandName } from './contract/commands';
import { TelnyxApiError, TelnyxErrors } from './errors';
import type { FaultState } from './faults';
import type { SimMessaging } from './messaging';
import type { NumberApi } from './number-api';
import type { RecordingApi } from './recording-api';
import { realNowMs } from './sim-clock';
import type { TelephonyCredentialApi } from './telephony-credentials';

export interface Reply {
  status: number;
  json?: unknown;
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export type ControlHandler = (
  req: IncomingMessage,
  segments: string[],
  url: URL,
  body: Buffer,
) => Promise<Reply>;

export interface HttpServerDeps {
  apiKey: string;
  store: CallStore;
  handlers: CommandHandlers;
  /** `/v2/available_phone_numbers`, `/v2/number_orders`, `/v2/phone_numbers`. */
  numbers: NumberApi;
  faults: FaultState;
  control: ControlHandler;
  /** `POST /v2/messages`. */
  messaging: SimMessaging;
  /** `/v2/telephony_credentials`: what browser agents' WebRTC clients log in with. */
  credentials: TelephonyCredentialApi;
  /** `GET /v2/recordings/{id}`: fresh download links once the event's have expired. */
  recordings: RecordingApi;
}

const MAX_BODY_BYTES = 1 << 20;
/** Telnyx documents a 60 s window for command_id deduplication. */
const IDEMPOTENCY_WINDOW_MS = 60_000;

class IdempotencyCache {
  private readonly entries = new Map<string, { at: number; result: CommandResult }>();

  get(key: string): CommandResult | undefined {
    const now = Date.now();
    for (const [k, v] of this.entries) {
      if (now - v.at <= IDEMPOTENCY_WINDOW_MS) break;
      this.entries.delete(k);
    }
    return this.entries.get(key)?.result;
  }

  set(key: string, result: CommandResult): void {
    this.entries.set(key, { at: Date.now(), result });
  }
}

class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new HttpError({
            status: 413,
            json: { errors: [{ code: '10015', title: 'Request too large', detail: 'Body exceeds 1 MiB.' }] },
          }),
        );
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJsonObject(raw: Buffer): Body {
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw TelnyxErrors.badJson(`Error decoding request body: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw TelnyxErrors.invalidParameter('/', 'The request body must be a JSON object.');
  }
  return parsed as Body;
}

const errorReply = (e: TelnyxApiError): Reply => ({ status: e.status, json: e.toBody(), headers: e.headers });
const resultReply = (r: CommandResult): Reply => ({ status: r.status, json: r.body });

/**
 * node:http front: `/v2/...` speaks Telnyx's REST contract (Bearer auth, Telnyx error bodies, ids
 * URL-decoded), `/sim/...` is the simulator's own control API.
 */
export class SimHttpServer {
  private readonly server: Server;
  private readonly idempotency = new IdempotencyCache();

  constructor(private readonly deps: HttpServerDeps) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedMs = realNowMs();
    let reply: Reply;
    try {
      const url = new URL(req.url ?? '/', 'http://telnyx-sim.invalid');
      let segments: string[];
      try {
        // Split before decoding: the SDK percent-encodes ids, and an id could contain "%2F".
        segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
      } catch {
        throw new HttpError({ status: 400, json: { error: 'malformed percent-encoding in path' } });
      }
      const body = await readBody(req);
      if (segments[0] === 'v2') reply = this.api(req, segments.slice(1), body, arrivedMs, url);
      else if (segments[0] === 'sim') reply = await this.deps.control(req, segments.slice(1), url, body);
      else reply = errorReply(TelnyxErrors.routeNotFound(url.pathname));
    } catch (err) {
      if (err instanceof HttpError) reply = err.reply;
      else if (err instanceof TelnyxApiError) reply = errorReply(err);
      else {
        process.stderr.write(`telnyx-sim: request failed: ${(err as Error).stack ?? String(err)}\n`);
        reply = errorReply(TelnyxErrors.internal());
      }
    }
    this.send(res, reply);
  }

  private send(res: ServerResponse, reply: Reply): void {
    if (res.headersSent || res.destroyed) return;
    const payload = reply.raw ?? Buffer.from(reply.json === undefined ? '' : JSON.stringify(reply.json));
    res.writeHead(reply.status, {
      'content-type': reply.contentType ?? 'application/json; charset=utf-8',
      'content-length': String(payload.length),
      ...(reply.headers ?? {}),
    });
    res.end(payload);
  }

  private api(req: IncomingMessage, segments: string[], raw: Buffer, arrivedMs: number, url: URL): Reply {
    const { store, handlers, faults, numbers, credentials, recordings } = this.deps;
    if (req.headers.authorization !== `Bearer ${this.deps.apiKey}`) {
      return errorReply(TelnyxErrors.authenticationFailed());
    }
    const resource = [numbers, credentials, recordings].find((r) => r.handles(segments[0]));
    if (resource) {
      // Numbers, credentials and recordings belong to no call: injected faults apply, but there is no
      // timeline to record in.
      const injected = faults.takeApiError();
      if (injected) return errorReply(TelnyxErrors.injected(injected));
      return resource.handle({
        method: req.method ?? 'GET',
        segments,
        query: url.searchParams,
        body: () => parseJsonObject(raw),
      });
    }
    const path = `/v2/${segments.join('/')}`;
    if (segments[0] === 'messages') {
      // A sent message belongs to no call either: faults apply, no timeline.
      if (segments.length !== 1 || req.method !== 'POST') return errorReply(TelnyxErrors.routeNotFound(path));
      const injected = faults.takeApiError();
      if (injected) return errorReply(TelnyxErrors.injected(injected));
      return resultReply(this.deps.messaging.send(parseJsonObject(raw)));
    }
    if (segments[0] !== 'calls') return errorReply(TelnyxErrors.routeNotFound(path));
    const [, id, actions, action] = segments;
    const isDial = segments.length === 1 && req.method === 'POST';
    const isStatus = segments.length === 2 && req.method === 'GET';
    const command =
      segments.length === 4 &&
      actions === 'actions' &&
      isCommandName(action) &&
      handlers.methodOf(action) === req.method
        ? action
        : undefined;
    const isAction = command !== undefined;
    if (!isDial && !isStatus && !isAction) return errorReply(TelnyxErrors.routeNotFound(path));

    const injected = faults.takeApiError();
    if (injected) {
      const leg = id ? store.leg(id) : undefined;
      const err = TelnyxErrors.injected(injected);
      if (leg && isAction) {
        this.record(
          leg.session,
          arrivedMs,
          leg.callControlId,
          action,
          bodyForRecord(raw),
          err.status,
          false,
          err.code,
          true,
        );
      }
      return errorReply(err);
    }

    if (isDial) return this.dial(raw, arrivedMs);
    const leg = store.leg(id);
    if (!leg) return errorReply(TelnyxErrors.invalidCallControlId());
    leg.session.clock.runDue();
    if (isStatus) return resultReply(handlers.status(leg));

    let body: Body;
    try {
      body = parseJsonObject(raw);
    } catch (err) {
      const reply = errorReply(err as TelnyxApiError);
      this.record(
        leg.session,
        arrivedMs,
        leg.callControlId,
        action,
        bodyForRecord(raw),
        reply.status,
        false,
        (err as TelnyxApiError).code,
      );
      return reply;
    }
    const key =
      typeof body.command_id === 'string' ? `${leg.callControlId}\u0000${body.command_id}` : undefined;
    const { result, duplicate } = this.once(key, () =>
      // Routed above: only a known command gets this far.
      leg.session.clock.atomically(() => handlers.execute(leg, command as CommandName, body)),
    );
    this.record(
      leg.session,
      arrivedMs,
      leg.callControlId,
      action,
      body,
      result.status,
      duplicate,
      codeOf(result),
    );
    return resultReply(result);
  }

  private dial(raw: Buffer, arrivedMs: number): Reply {
    const { store, handlers } = this.deps;
    const body = parseJsonObject(raw);
    const linked = typeof body.link_to === 'string' ? store.leg(body.link_to) : undefined;
    linked?.session.clock.runDue();
    const key = typeof body.command_id === 'string' ? `dial\u0000${body.command_id}` : undefined;
    const { result, duplicate } = this.once(key, () => handlers.dial(body));
    // A failed dial has no leg of its own; it is recorded against the leg it wanted to link to.
    const leg = store.leg(dialledId(result) ?? '') ?? linked;
    if (leg)
      this.record(
        leg.session,
        arrivedMs,
        leg.callControlId,
        'dial',
        body,
        result.status,
        duplicate,
        codeOf(result),
      );
    return resultReply(result);
  }

  /**
   * Telnyx's command_id rule in one place: a repeated id gets the first answer again and no side
   * effect; a Telnyx-style error is an answer like any other (and is remembered too).
   */
  private once(
    key: string | undefined,
    run: () => CommandResult,
  ): { result: CommandResult; duplicate: boolean } {
    const earlier = key ? this.idempotency.get(key) : undefined;
    if (earlier) return { result: earlier, duplicate: true };
    let result: CommandResult;
    try {
      result = run();
    } catch (err) {
      if (!(err instanceof TelnyxApiError)) throw err;
      result = { status: err.status, body: err.toBody() };
    }
    if (key) this.idempotency.set(key, result);
    return { result, duplicate: false };
  }

  private record(
    session: Session,
    t_ms: number,
    call_control_id: string,
    action: string,
    body: unknown,
    status: number,
    duplicate: boolean,
    error_code?: string,
    injectedFault = false,
  ): void {
    const rec: CommandRecord = { t_ms, call_control_id, action, body, status, duplicate };
    if (error_code) rec.error_code = error_code;
    if (injectedFault) rec.injected_fault = true;
    session.commands.push(rec);
  }
}

function bodyForRecord(raw: Buffer): unknown {
  try {
    return raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    return raw.toString('utf8');
  }
}

function codeOf(r: CommandResult): string | undefined {
  const errors = (r.body as { errors?: { code?: string }[] }).errors;
  return errors?.[0]?.code;
}

function dialledId(r: CommandResult): string | undefined {
  return (r.body as { data?: { call_control_id?: string } }).data?.call_control_id;
}
