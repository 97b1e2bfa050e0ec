import type { AskAnswer, AskField } from './ask-model';

/**
 * The dry run's stand-in for the carrier's AI: the fields a typed phrase gives, by word matching
 * only. On a live call the carrier's model understands the caller; this approximation lets an
 * admin try routes without a call, and is deliberately simple and deterministic:
 * - an enum field takes the value whose words (or one of its synonyms' words) appear in the
 *   phrase, the earliest in the phrase when several do; a word matches with a plural or verb
 *   ending (`leaks`, `leaking`, `leaked` match `leak`);
 * - a free field takes the word after its name in the phrase (`unit 4B`, `name is Ann`, with an
 *   optional `is`, `number` or `#` between them).
 */
export function phraseFields(fields: readonly AskField[], phrase: string): AskAnswer {
  const words = wordsOf(phrase);
  const answer: Record<string, string> = {};
  for (const field of fields) {
    const value = field.values === undefined ? freeValue(field, words) : enumValue(field, words);
    if (value !== undefined) answer[field.name] = value;
  }
  return answer;
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const ENDINGS = ['', 's', 'es', 'ed', 'ing', 'd'];

function wordMatches(spoken: string, word: string): boolean {
  return ENDINGS.some((ending) => spoken === word + ending);
}

/** Where `term`'s words first appear in a row in `words`, or -1. */
function positionOf(words: readonly string[], term: string): number {
  const want = wordsOf(term);
  if (want.length === 0) return -1;
  for (let i = 0; i + want.length <= words.length; i++) {
    if (want.every((w, k) => wordMatches(words[i + k], w))) return i;
  }
  return -1;
}

function enumValue(field: AskField, words: readonly string[]): string | undefined {
  let best: { value: string; at: number } | undefined;
  for (const value of field.values ?? []) {
    for (const term of [value, ...(field.synonyms?.[value] ?? [])]) {
      const at = positionOf(words, term);
      if (at >= 0 && (best === undefined || at < best.at)) best = { value, at };
    }
  }
  return best?.value;
}

const LINKING = new Set(['is', 'number', 'no', 'num']);

function freeValue(field: AskField, words: readonly string[]): string | undefined {
  const name = field.name.replace(/_/g, ' ');
  const at = positionOf(words, name);
  if (at < 0) return undefined;
  let i = at + wordsOf(name).length;
  while (i < words.length && LINKING.has(words[i])) i++;
  return i < words.length ? readable(words[i]) : undefined;
}

/** The words were lower-cased to match: a unit reads `4B`, a name `Ann`. */
function readable(word: string): string {
  return /\d/.test(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1);
}
