import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { TelnyxApiError, TelnyxErrors, type TelnyxErrorItem } from './errors';

/**
 * Request validation against Telnyx's own OpenAPI document (shared/telnyx/call-control.openapi.json),
 * read at run time and never copied into the repo (it carries no license; see its README).
 */

const SPEC_RELATIVE = join('shared', 'telnyx', 'call-control.openapi.json');
const BASE_ID = 'https://telnyx-sim.invalid/call-control';
const JSON_BODY = ['content', 'application/json', 'schema'];

/**
 * Explicit path, else env TELNYX_OPENAPI_SPEC, else `<repo>/../shared/telnyx/...` where <repo> is the
 * nearest ancestor holding a package.json. Ancestors of both this module and the working directory are
 * tried, because the compiled module may live outside the repo (e.g. a /tmp build).
 */
export function resolveSpecPath(explicit?: string): string | undefined {
  if (explicit) return resolve(explicit);
  if (process.env.TELNYX_OPENAPI_SPEC) return resolve(process.env.TELNYX_OPENAPI_SPEC);
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'package.json'))) {
        const candidate = resolve(dir, '..', SPEC_RELATIVE);
        if (existsSync(candidate)) return candidate;
      }
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}

interface OpenApiOperation {
  requestBody?: unknown;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  webhooks?: Record<string, unknown>;
}

/** event_type → webhook key in the spec (table in shared/telnyx/README.md). */
export const WEBHOOK_KEYS: Readonly<Record<string, string>> = {
  'call.initiated': 'callInitiated',
  'call.answered': 'callAnswered',
  'call.hangup': 'callHangup',
  'call.gather.ended': 'callGatherEnded',
  'call.dtmf.received': 'callDtmfReceived',
  'call.playback.started': 'callPlaybackStarted',
  'call.playback.ended': 'callPlaybackEnded',
  'call.speak.started': 'callSpeakStarted',
  'call.speak.ended': 'callSpeakEnded',
  'call.bridged': 'callBridged',
  'call.recording.saved': 'callRecordingSaved',
  'call.recording.error': 'callRecordingError',
  'call.machine.detection.ended': 'callMachineDetectionEnded',
  'call.machine.greeting.ended': 'callMachineGreetingEnded',
  'call.enqueued': 'callEnqueued',
  'call.dequeued': 'callLeftQueue',
  'message.received': 'inboundMessage',
};

const escapePointer = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/** Most useful error first: a missing field beats a bad enum beats a type mismatch inside a oneOf. */
const KEYWORD_RANK: Record<string, number> = { required: 0, enum: 1, const: 1, minimum: 2, maximum: 2 };

function toTelnyxError(errors: ErrorObject[]): TelnyxApiError {
  const ranked = [...errors]
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if')
    .sort((a, b) => (KEYWORD_RANK[a.keyword] ?? 3) - (KEYWORD_RANK[b.keyword] ?? 3));
  if (ranked.length === 0) ranked.push(...errors);
  const byPointer = new Map<string, TelnyxErrorItem>();
  for (const e of ranked) {
    const params = e.params as Record<string, unknown>;
    const pointer =
      e.keyword === 'required'
        ? `${e.instancePath}/${String(params.missingProperty)}`
        : e.instancePath || '/';
    if (byPointer.has(pointer)) continue;
    let item: TelnyxErrorItem;
    if (e.keyword === 'required') item = TelnyxErrors.missingParameter(pointer).errors[0];
    else if (e.keyword === 'enum') {
      item = TelnyxErrors.invalidEnum(pointer, (params.allowedValues as unknown[]) ?? []).errors[0];
    } else if (e.keyword === 'minimum' || e.keyword === 'maximum') {
      item = TelnyxErrors.outOfRange(pointer, `The value ${e.message ?? 'is outside the allowed range'}.`)
        .errors[0];
    } else {
      item = TelnyxErrors.invalidParameter(pointer, `The value ${e.message ?? 'is invalid'}.`).errors[0];
    }
    byPointer.set(pointer, item);
  }
  return new TelnyxApiError(422, [...byPointer.values()]);
}

export class SpecValidator {
  private static readonly cache = new Map<string, SpecValidator>();
  private readonly ajv: Ajv2020;
  private readonly requestValidators = new Map<string, ValidateFunction | null>();
  private readonly webhookValidators = new Map<string, ValidateFunction>();
  /** action name → HTTP method, for every `/calls/{id}/actions/*` path in the spec. */
  readonly actionMethods = new Map<string, string>();

  private constructor(
    readonly path: string,
    private readonly doc: OpenApiDoc,
  ) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // Two odd format names used upstream; they carry no constraint worth checking.
    this.ajv.addFormat('integer', true);
    this.ajv.addFormat('wav', true);
    this.ajv.addSchema({ ...(doc as object), $id: BASE_ID });
    for (const [p, ops] of Object.entries(doc.paths)) {
      const m = /^\/calls\/\{call_control_id\}\/actions\/([a-z_]+)$/.exec(p);
      if (!m) continue;
      const method = Object.keys(ops).find((k) => ['post', 'put'].includes(k));
      if (method) this.actionMethods.set(m[1], method.toUpperCase());
    }
  }

  /** One instance per spec file per process: compiling the big request schemas costs about a second. */
  static load(path: string): SpecValidator {
    let v = SpecValidator.cache.get(path);
    if (!v) {
      v = new SpecValidator(path, JSON.parse(readFileSync(path, 'utf8')) as OpenApiDoc);
      SpecValidator.cache.set(path, v);
    }
    return v;
  }

  /** Compile up front so the first command of a time-compressed call is not delayed by Ajv. */
  warmUp(actions: Iterable<string>): void {
    this.dialValidator();
    for (const a of actions) this.actionValidator(a);
  }

  validateDial(body: unknown): TelnyxApiError | undefined {
    return this.check(this.dialValidator(), body);
  }

  validateAction(action: string, body: unknown): TelnyxApiError | undefined {
    return this.check(this.actionValidator(action), body);
  }

  /** `POST /messages` (SendMessage, schema CreateMessageRequest). */
  validateSendMessage(body: unknown): TelnyxApiError | undefined {
    return this.check(this.requestValidator('/messages', 'post'), body);
  }

  /** Schema errors of an emitted webhook (an empty list when valid or when the type has no schema). */
  validateWebhook(event: { data: { event_type: string; [key: string]: unknown } }): string[] {
    const key = WEBHOOK_KEYS[event.data.event_type];
    if (!key || !this.doc.webhooks?.[key]) return [];
    let v = this.webhookValidators.get(key);
    if (!v) {
      v = this.compile(['webhooks', key, 'post', 'requestBody', ...JSON_BODY]);
      this.webhookValidators.set(key, v);
    }
    if (v(event)) return [];
    return (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? e.keyword}`);
  }

  private dialValidator(): ValidateFunction | null {
    return this.requestValidator('/calls', 'post');
  }

  private actionValidator(action: string): ValidateFunction | null {
    const method = this.actionMethods.get(action);
    return method
      ? this.requestValidator(`/calls/{call_control_id}/actions/${action}`, method.toLowerCase())
      : null;
  }

  private requestValidator(path: string, method: string): ValidateFunction | null {
    const key = `${method} ${path}`;
    if (!this.requestValidators.has(key)) {
      const op = this.doc.paths[path]?.[method];
      this.requestValidators.set(
        key,
        op?.requestBody ? this.compile(['paths', path, method, 'requestBody', ...JSON_BODY]) : null,
      );
    }
    return this.requestValidators.get(key) ?? null;
  }

  private compile(keys: string[]): ValidateFunction {
    return this.ajv.compile({ $ref: `${BASE_ID}#/${keys.map(escapePointer).join('/')}` });
  }

  private check(v: ValidateFunction | null, body: unknown): TelnyxApiError | undefined {
    if (!v || v(body)) return undefined;
    return toTelnyxError(v.errors ?? []);
  }
}
