/**
 * The simulator's stand-in for the model behind Telnyx's `gather_using_ai`: it reads the caller's
 * scripted `say:` sentence into the requested `parameters` (a JSON Schema object) by plain word
 * matching. It is not Telnyx's behaviour, only a small deterministic imitation for tests:
 * - a property with an `enum` takes the enum value whose words appear in the sentence (the one
 *   said first when several do; a plural or verb ending still matches: `leaks`, `leaking`);
 * - any other property takes the word after the property's name (`unit 4B`, `name is Ann`,
 *   with an optional `is`, `number` or `#` between them);
 * - the gather is `valid` when every `required` property was found, else `invalid` (the model
 *   would have kept asking and given up); nothing said at all is `invalid` with no result.
 */
export interface AiAnswer {
  status: 'valid' | 'invalid';
  result: Record<string, string>;
}

interface Parameters {
  properties?: Record<string, { enum?: unknown[] }>;
  required?: unknown[];
}

export function answerFromSpeech(parameters: unknown, said: string | undefined): AiAnswer {
  if (said === undefined || said.trim() === '') return { status: 'invalid', result: {} };
  const schema = (typeof parameters === 'object' && parameters !== null ? parameters : {}) as Parameters;
  const words = wordsOf(said);
  const result: Record<string, string> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const values = Array.isArray(property?.enum) ? property.enum.filter((v) => typeof v === 'string') : null;
    const value = values ? enumValue(values, words) : wordAfter(name.replace(/_/g, ' '), words);
    if (value !== undefined) result[name] = value;
  }
  const required = (Array.isArray(schema.required) ? schema.required : []).filter(
    (r) => typeof r === 'string',
  );
  const complete = Object.keys(result).length > 0 && required.every((r) => r in result);
  return { status: complete ? 'valid' : 'invalid', result };
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const ENDINGS = ['', 's', 'es', 'ed', 'ing', 'd'];

function at(words: readonly string[], term: string): number {
  const want = wordsOf(term);
  if (want.length === 0) return -1;
  for (let i = 0; i + want.length <= words.length; i++) {
    if (want.every((w, k) => ENDINGS.some((e) => words[i + k] === w + e))) return i;
  }
  return -1;
}

function enumValue(values: readonly string[], words: readonly string[]): string | undefined {
  let best: { value: string; at: number } | undefined;
  for (const value of values) {
    const where = at(words, value);
    if (where >= 0 && (best === undefined || where < best.at)) best = { value, at: where };
  }
  return best?.value;
}

const LINKING = new Set(['is', 'number', 'no', 'num']);

function wordAfter(name: string, words: readonly string[]): string | undefined {
  const where = at(words, name);
  if (where < 0) return undefined;
  let i = where + wordsOf(name).length;
  while (i < words.length && LINKING.has(words[i])) i++;
  if (i >= words.length) return undefined;
  const word = words[i];
  return /\d/.test(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1);
}
