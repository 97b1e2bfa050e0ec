import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/**
 * Telnyx's own OpenAPI description (../shared/telnyx/call-control.openapi.json), for the drift test
 * only: it is Telnyx's material without a license, so it is never copied into the repo and the
 * product never reads it. TELNYX_OPENAPI_SPEC names another copy.
 */
const SPEC_BESIDE_REPO = join('..', 'shared', 'telnyx', 'call-control.openapi.json');
const BASE_ID = 'https://telnyx-spec.invalid/call-control';
const JSON_BODY = ['content', 'application/json', 'schema'];

/** Where the spec is, or why it is not there. */
export function findTelnyxSpec(): { path: string } | { missing: string } {
  const explicit = process.env.TELNYX_OPENAPI_SPEC;
  if (explicit) {
    return existsSync(explicit)
      ? { path: resolve(explicit) }
      : { missing: `TELNYX_OPENAPI_SPEC=${explicit} does not exist` };
  }
  // The repository root holds package.json; tests run from dist/ inside it.
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps'))) {
      const beside = resolve(dir, SPEC_BESIDE_REPO);
      return existsSync(beside)
        ? { path: beside }
        : { missing: `neither TELNYX_OPENAPI_SPEC nor ${beside} names Telnyx's OpenAPI file` };
    }
    if (dirname(dir) === dir) return { missing: 'no repository root above ' + __dirname };
  }
}

/** Telnyx's webhook name for each event type (the spec keys webhooks by name, not by type). */
export const SPEC_WEBHOOK_KEYS: Readonly<Record<string, string>> = {
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

type Doc = Record<string, any>;
const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

export class TelnyxSpec {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly doc: Doc) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // Two format names used upstream that name no constraint.
    this.ajv.addFormat('integer', true);
    this.ajv.addFormat('wav', true);
    this.ajv.addSchema({ ...doc, $id: BASE_ID });
  }

  static load(path: string): TelnyxSpec {
    return new TelnyxSpec(JSON.parse(readFileSync(path, 'utf8')) as Doc);
  }

  /** Follows `$ref`s inside the document. */
  deref = (node: unknown): Doc | undefined => {
    let n = node as Doc | undefined;
    for (let hops = 0; n && typeof n.$ref === 'string' && hops < 50; hops++) {
      n = n.$ref
        .replace(/^#\//, '')
        .split('/')
        .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<Doc | undefined>((o, k) => o?.[k], this.doc);
    }
    return n;
  };

  /** JSON pointer keys of a request body: `POST /calls`, `POST /messages`, or a call command. */
  requestBodyKeys(path: string): string[] | undefined {
    const ops = this.doc.paths?.[path] as Doc | undefined;
    const method = ops && Object.keys(ops).find((m) => ['post', 'put'].includes(m));
    if (!method) return undefined;
    const body = this.deref(ops[method].requestBody);
    return body ? ['paths', path, method, 'requestBody', ...JSON_BODY] : undefined;
  }

  commandMethod(action: string): string | undefined {
    const ops = this.doc.paths?.[`/calls/{call_control_id}/actions/${action}`] as Doc | undefined;
    return (
      ops &&
      Object.keys(ops)
        .find((m) => ['post', 'put'].includes(m))
        ?.toUpperCase()
    );
  }

  webhookBodyKeys(eventType: string): string[] | undefined {
    const key = SPEC_WEBHOOK_KEYS[eventType];
    return key && this.doc.webhooks?.[key]
      ? ['webhooks', key, 'post', 'requestBody', ...JSON_BODY]
      : undefined;
  }

  /** The schema at those keys (references followed). */
  at(keys: string[]): Doc | undefined {
    let n: unknown = this.doc;
    for (const k of keys) n = this.deref(n)?.[k];
    return this.deref(n);
  }

  /** Ajv errors of `value` against the schema at `keys` (empty when valid). */
  errors(keys: string[], value: unknown): string[] {
    const id = `${BASE_ID}#/${keys.map(escape).join('/')}`;
    let v = this.compiled.get(id);
    if (!v) {
      v = this.ajv.compile({ $ref: id });
      this.compiled.set(id, v);
    }
    return v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  }
}
