import type { AskAnswer, AskDefinition, AskField, AskOutcome } from './ask-model';

/**
 * The carrier's answer as the routes read it: only the step's own fields, each a trimmed string;
 * an enum field's value spelled as the admin spelled it, and dropped when it is none of them (the
 * carrier's model may answer outside the enum). Numbers and booleans read as their text.
 */
export function normaliseAnswer(fields: readonly AskField[], raw: unknown): AskAnswer {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const answer: Record<string, string> = {};
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(raw, field.name)) continue;
    const value = (raw as Record<string, unknown>)[field.name];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const text = String(value).trim();
    if (text === '') continue;
    if (field.values === undefined) answer[field.name] = text;
    else {
      const canonical = field.values.find((v) => sameText(v, text));
      if (canonical !== undefined) answer[field.name] = canonical;
    }
  }
  return answer;
}

/**
 * Where an answer leads, like the menu machine's outcome for keys: the first route whose every
 * `when` holds, else the fallback. No answer at all (the gather failed or timed out) and an
 * answer without a required field are not understood.
 */
export function routeAnswer(def: AskDefinition, answer: AskAnswer | null): AskOutcome {
  const understood = answer ?? {};
  const missing = def.fields.some((f) => f.required === true && understood[f.name] === undefined);
  if (answer === null || Object.keys(understood).length === 0 || missing) {
    return { kind: 'fallback', reason: 'not_understood', stepId: def.fallback, understood };
  }
  const index = def.routes.findIndex((route) =>
    Object.entries(route.when).every(
      ([name, value]) => understood[name] !== undefined && sameText(understood[name], value),
    ),
  );
  if (index < 0) return { kind: 'fallback', reason: 'no_match', stepId: def.fallback, understood };
  return { kind: 'route', routeIndex: index, stepId: def.routes[index].next, understood };
}

/** `intent=maintenance, unit=4B`, in the fields' order; what the call's path shows. */
export function describeAnswer(fields: readonly AskField[], answer: AskAnswer): string {
  const parts = fields.filter((f) => answer[f.name] !== undefined).map((f) => `${f.name}=${answer[f.name]}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing understood';
}

/** Callers and carriers do not agree on case: `Maintenance` is the enum's `maintenance`. */
function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
