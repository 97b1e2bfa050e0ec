import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { TelnyxApiError, TelnyxErrors, type TelnyxErrorItem } from '../errors';
import { COMMANDS, DIAL_BODY, isCommandName, SEND_MESSAGE_BODY, type CommandName } from './commands';
import { EVENT_PAYLOADS, eventSchema, type EventType } from './events';
import { ANNOTATION_KEYWORDS, type JsonSchema } from './json-schema';

/** Most useful error first: a missing field beats a bad enum beats a type mismatch inside a oneOf. */
const KEYWORD_RANK: Record<string, number> = { required: 0, enum: 1, const: 1, minimum: 2, maximum: 2 };

/** Ajv's errors as Telnyx answers a bad body: 422, one error per offending field. */
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

/** An Ajv set up for the contract's schemas: draft 2020-12, strict, formats checked. */
export function contractAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary([...ANNOTATION_KEYWORDS]);
  return ajv;
}

/**
 * Checks request bodies and emitted webhooks against the simulator's own Telnyx contract
 * (contract/commands.ts, contract/events.ts). Everything is compiled once per process, when the first
 * simulator starts (about half a second), so no command of a time-compressed call waits for Ajv.
 */
export class ContractValidator {
  private static instance: ContractValidator | undefined;
  private readonly commands = new Map<CommandName, ValidateFunction>();
  private readonly events = new Map<EventType, ValidateFunction>();
  private readonly dial: ValidateFunction;
  private readonly sendMessage: ValidateFunction;

  private constructor() {
    const ajv = contractAjv();
    const compile = (s: JsonSchema) => ajv.compile(s);
    for (const [name, c] of Object.entries(COMMANDS)) this.commands.set(name as CommandName, compile(c.body));
    for (const type of Object.keys(EVENT_PAYLOADS) as EventType[])
      this.events.set(type, compile(eventSchema(type)));
    this.dial = compile(DIAL_BODY);
    this.sendMessage = compile(SEND_MESSAGE_BODY);
  }

  static get(): ContractValidator {
    ContractValidator.instance ??= new ContractValidator();
    return ContractValidator.instance;
  }

  /** HTTP method of an implemented command; undefined for any other name (answered like an unknown path). */
  methodOf(action: string): 'POST' | 'PUT' | undefined {
    return isCommandName(action) ? COMMANDS[action].method : undefined;
  }

  validateDial(body: unknown): TelnyxApiError | undefined {
    return check(this.dial, body);
  }

  validateCommand(action: CommandName, body: unknown): TelnyxApiError | undefined {
    return check(this.commands.get(action) as ValidateFunction, body);
  }

  validateSendMessage(body: unknown): TelnyxApiError | undefined {
    return check(this.sendMessage, body);
  }

  /** What is wrong with an emitted webhook (`{data, meta?}`); empty when it keeps the contract. */
  webhookErrors(event: { data: { event_type: string } }): string[] {
    const v = this.events.get(event.data.event_type as EventType);
    if (!v) return [`no schema for event type ${event.data.event_type}`];
    if (v(event)) return [];
    return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  }
}

function check(v: ValidateFunction, body: unknown): TelnyxApiError | undefined {
  return v(body) ? undefined : toTelnyxError(v.errors ?? []);
}
