/**
 * The opt-out keywords US carriers (CTIA) require every long code to honour. A keyword is the whole
 * message (case and surrounding spaces or final punctuation aside): "stop texting me at night" is
 * a text for the office, not an opt-out.
 */
export type TextKeyword = 'stop' | 'start' | 'help';

const KEYWORDS: Record<string, TextKeyword> = {
  STOP: 'stop',
  STOPALL: 'stop',
  UNSUBSCRIBE: 'stop',
  CANCEL: 'stop',
  END: 'stop',
  QUIT: 'stop',
  START: 'start',
  UNSTOP: 'start',
  HELP: 'help',
  INFO: 'help',
};

export function keywordOf(text: string): TextKeyword | null {
  const word = text
    .trim()
    .replace(/[.!?]+$/, '')
    .toUpperCase();
  return KEYWORDS[word] ?? null;
}

/** The replies carriers expect; the property's name says who is texting. */
export const keywordReply: Record<TextKeyword, (propertyName: string) => string> = {
  stop: (p) => `${p}: you are unsubscribed and will receive no more messages. Reply START to resubscribe.`,
  start: (p) => `${p}: you are subscribed to messages again. Reply STOP to unsubscribe, HELP for help.`,
  help: (p) =>
    `${p}: replies reach our office. Call this number for help. Reply STOP to unsubscribe. Msg & data rates may apply.`,
};

/** What the forwarded copy starts with: who texted, through which source. */
export function forwardText(from: string, sourceName: string | null, text: string): string {
  return `Text from ${from}${sourceName ? ` (${sourceName})` : ''}: ${text}`;
}
