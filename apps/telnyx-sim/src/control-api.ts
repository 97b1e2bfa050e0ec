import type { IncomingMessage } from 'node:http';
import { BROWSER_ACTIONS, BrowserLegError, type BrowserAction, type BrowserLegs } from './browser-legs';
import { toSummary, toTimeline, type CallStore } from './call-store';
import { parseFaults, type Faults, type FaultState } from './faults';
import type { ControlHandler, Reply } from './http-server';
import type { SunkMessage } from './mail-sink';
import { parseInboundText, type SimMessaging } from './messaging';
import {
  parseAgents,
  parseInboundCallScript,
  ScriptError,
  type AgentBehaviour,
  type InboundCallScript,
  type PlacedCall,
} from './scripts';

export interface ControlDeps {
  store: CallStore;
  faults: FaultState;
  publicKeyBase64: string;
  placeCall: (script: InboundCallScript) => PlacedCall;
  setFaults: (f: Faults) => void;
  setWebhookUrl: (url: string) => void;
  webhookUrl: () => string | undefined;
  /** `/sim/recordings/{id}.mp3|.wav?link=…`; undefined for an unknown recording or link kind. */
  recordingFile: (fileName: string, link: string | null) => Reply | undefined;
  /** `GET /sim/recordings`: the recordings the carrier still holds. */
  heldRecordings: () => Reply;
  health: () => Record<string, unknown>;
  reset: () => number;
  /** Forgets number orders and owned numbers; returns how many numbers went back to the inventory. */
  resetNumbers: () => number;
  /** Resolves true once idle, false when `timeoutMs` passes first. */
  waitIdle: (timeoutMs: number) => Promise<boolean>;
  messaging: SimMessaging;
  browserLegs: BrowserLegs;
  defaultAgents: () => Record<string, AgentBehaviour>;
  setDefaultAgents: (agents: Record<string, AgentBehaviour>) => void;
  /** Forgets telephony credentials; returns how many there were. */
  resetCredentials: () => number;
  /** What the mail sink was sent, oldest first; null when the simulator runs none. */
  mail: () => SunkMessage[] | null;
}

const ok = (json: unknown, status = 200): Reply => ({ status, json });
const bad = (message: string, status = 400): Reply => ({ status, json: { error: message } });

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ScriptError('body', 'is not valid JSON');
  }
}

/**
 * The leg routes are what a browser page calls (the agent page in simulator mode, served from
 * another origin), so they alone answer CORS. Loopback tool, no credentials: any origin may call.
 */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};
const withCors = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, ...CORS_HEADERS } });

function legRoute(deps: ControlDeps, req: IncomingMessage, segments: string[], raw: Buffer): Reply {
  const [, id, action] = segments;
  if (segments.length !== 3 || !BROWSER_ACTIONS.includes(action as BrowserAction))
    return bad(`no control route ${req.method} /sim/${segments.join('/')}`, 404);
  if (req.method === 'OPTIONS') return { status: 204 };
  if (req.method !== 'POST') return bad(`use POST /sim/legs/{call_control_id}/${action}`, 405);
  try {
    const body = parseJson(raw);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new ScriptError('body', 'must be a JSON object');
    const leg = deps.browserLegs.perform(id, action as BrowserAction, body as Record<string, unknown>);
    return ok({ call_control_id: leg.callControlId, state: leg.state });
  } catch (err) {
    if (err instanceof BrowserLegError) return bad(err.message, err.status);
    if (err instanceof ScriptError) return bad(err.message);
    throw err;
  }
}

/**
 * The simulator's own API under /sim (no auth; loopback tool): place scripted inbound calls, read
 * session timelines, inject faults, fetch recordings, wait for quiescence.
 */
export function createControlHandler(deps: ControlDeps): ControlHandler {
  return async (req: IncomingMessage, segments: string[], url: URL, raw: Buffer): Promise<Reply> => {
    const route = `${req.method} /${segments[0] ?? ''}`;
    try {
      if (segments[0] === 'legs') return withCors(legRoute(deps, req, segments, raw));
      switch (route) {
        case 'POST /calls':
          if (segments.length !== 1) break;
          return ok(deps.placeCall(parseInboundCallScript(parseJson(raw))), 201);
        case 'GET /calls': {
          if (segments.length === 1) return ok(deps.store.allSessions().map(toSummary));
          const session = segments.length === 2 ? deps.store.session(segments[1]) : undefined;
          return session ? ok(toTimeline(session)) : bad(`no call session ${segments[1]}`, 404);
        }
        case 'POST /messages': {
          if (segments.length !== 1) break;
          const text = parseInboundText(parseJson(raw));
          if (typeof text === 'string') return bad(text);
          const r = deps.messaging.receive(text);
          return ok({ event_id: r.event_id, message_id: r.message_id }, 201);
        }
        case 'GET /messages':
          if (segments.length !== 1) break;
          return ok({ sent: deps.messaging.sent, received: deps.messaging.received });
        case 'GET /mail': {
          if (segments.length !== 1) break;
          const mail = deps.mail();
          if (!mail) return bad('no mail sink: start the simulator with mailSinkPort', 404);
          return ok({ items: mail.map(({ raw: _raw, ...m }) => m) });
        }
        case 'GET /health':
          return ok({ status: 'ok', ...deps.health() });
        case 'GET /public-key':
          return ok({ public_key: deps.publicKeyBase64 });
        case 'POST /reset':
          return ok({
            forgotten_sessions: deps.reset(),
            released_numbers: deps.resetNumbers(),
            forgotten_credentials: deps.resetCredentials(),
            forgotten_messages: deps.messaging.reset(),
          });
        case 'GET /faults':
          return ok(deps.faults.get());
        case 'POST /faults':
          deps.setFaults(parseFaults(parseJson(raw)));
          return ok(deps.faults.get());
        case 'GET /agents':
          return ok({ agents: deps.defaultAgents() });
        case 'POST /agents': {
          const body = parseJson(raw) as { agents?: unknown };
          deps.setDefaultAgents(parseAgents(body.agents ?? {}, 'agents'));
          return ok({ agents: deps.defaultAgents() });
        }
        case 'GET /webhook-url':
          return ok({ webhook_url: deps.webhookUrl() ?? null });
        case 'POST /webhook-url': {
          const body = parseJson(raw) as { url?: unknown };
          if (typeof body.url !== 'string' || !URL.canParse(body.url))
            throw new ScriptError('url', 'must be an absolute URL');
          deps.setWebhookUrl(body.url);
          return ok({ webhook_url: body.url });
        }
        case 'GET /idle': {
          const timeoutMs = Math.min(Number(url.searchParams.get('timeout_ms') ?? 30_000) || 30_000, 600_000);
          return (await deps.waitIdle(timeoutMs)) ? ok({ idle: true }) : ok({ idle: false }, 408);
        }
        case 'GET /recordings': {
          if (segments.length === 1) return deps.heldRecordings();
          const file =
            segments.length === 2 ? deps.recordingFile(segments[1], url.searchParams.get('link')) : undefined;
          return file ?? bad('no such recording', 404);
        }
      }
    } catch (err) {
      if (err instanceof ScriptError) return bad(err.message);
      throw err;
    }
    return bad(`no control route ${req.method} /sim/${segments.join('/')}`, 404);
  };
}
