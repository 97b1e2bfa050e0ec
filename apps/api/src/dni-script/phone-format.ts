/**
 * The pure part of the DNI browser script: finding the business's numbers in text and in tel:/sms:
 * links and writing the tracking number in their place, in the page's own format. No DOM and no
 * imports, so it runs unchanged in the browser (compiled to ES2017 by browser/tsconfig.json) and
 * in Node's unit tests. US/NANP numbers only: the swap numbers are +1 E.164.
 */

/** National 10-digit number → national 10-digit replacement. */
export type SwapMap = Record<string, string>;

export interface Swap {
  original: string;
  replacement: string;
}

/** The 10 national digits of a NANP number written any way (+1, 1 or none), else null. */
export function nationalDigits(written: string): string | null {
  const d = written.replace(/\D/g, '');
  if (d.length === 10) return d;
  if (d.length === 11 && d.charAt(0) === '1') return d.slice(1);
  return null;
}

/** The swaps the api sent, keyed by national digits; malformed entries are dropped, never thrown. */
export function toSwapMap(swaps: readonly Swap[] | null | undefined): SwapMap {
  const map: SwapMap = {};
  // Parsed JSON: neither the list nor its entries are taken on trust.
  const entries: readonly unknown[] = Array.isArray(swaps) ? swaps : [];
  for (const entry of entries) {
    const s: { [K in keyof Swap]?: unknown } = typeof entry === 'object' && entry !== null ? entry : {};
    const from = typeof s.original === 'string' ? nationalDigits(s.original) : null;
    const to = typeof s.replacement === 'string' ? nationalDigits(s.replacement) : null;
    if (from && to && from !== to) map[from] = to;
  }
  return map;
}

/**
 * Writes `digits` over the digits of `written`, one for one, keeping every other character: the
 * replacement thus keeps the original's parentheses, dashes, dots, spaces, NBSPs and `+`.
 */
export function replaceDigits(written: string, digits: string): string {
  let i = 0;
  return written.replace(/\d/g, (d) => (i < digits.length ? digits.charAt(i++) : d));
}

/**
 * A NANP number as printed: optional `+1`/`1` and a separator, then `(312) 555-0100`,
 * `312-555-0100`, `312.555.0100`, `312 555 0100` (any of space, NBSP, `-`, `.`) or `3125550100`.
 * Group 1 is the character before it (ES2017 has no lookbehind): a digit or letter there means the
 * digits belong to something longer (an order number, an id) and are left alone.
 */
const SEP = '[ \\u00A0.\\-]';
const NUMBER_IN_TEXT = new RegExp(
  `(^|[^0-9A-Za-z+])((?:\\+?1${SEP}?)?(?:\\(\\d{3}\\)${SEP}?|\\d{3}${SEP}?)\\d{3}${SEP}?\\d{4})(?![0-9A-Za-z])`,
  'g',
);

/** Whether the text contains anything shaped like a phone number (used to hide it until swapped). */
export function looksLikePhoneText(text: string): boolean {
  NUMBER_IN_TEXT.lastIndex = 0;
  return NUMBER_IN_TEXT.test(text);
}

/** The text with every swap number replaced in its own format, or null when nothing changed. */
export function swapText(text: string, swaps: SwapMap): string | null {
  let changed = false;
  const out = text.replace(NUMBER_IN_TEXT, (all: string, before: string, written: string) => {
    const national = nationalDigits(written);
    const to = national ? swaps[national] : undefined;
    if (!to) return all;
    changed = true;
    // A leading country digit stays a country digit: write "1" + the new national digits over it.
    const digits = written.replace(/\D/g, '').length === 11 ? '1' + to : to;
    return before + replaceDigits(written, digits);
  });
  return changed ? out : null;
}

/**
 * A tel: or sms: href with a swap number replaced, or null when it is neither or not one of ours.
 * Only the number part changes: `?body=…` of sms:, `;ext=…` and `,` pauses of tel: are kept, as is
 * how the site wrote the number (`tel:+13125550100`, `tel:312-555-0100`, `tel:%2B1…`).
 */
export function swapHref(href: string, swaps: SwapMap): string | null {
  const m = /^(\s*(?:tel|sms):(?:\/\/)?)([^?;,#]*)(.*)$/i.exec(href);
  if (!m) return null;
  const [, scheme, numberPart, rest] = m;
  const national = nationalDigits(numberPart.replace(/%2B/gi, '+'));
  const to = national ? swaps[national] : undefined;
  if (!to) return null;
  // A percent escape's hex digits (%2B) are not the number's: swap only outside escapes.
  const pieces = numberPart.split(/(%[0-9A-Fa-f]{2})/);
  const digitCount = pieces.reduce((n, p, i) => (i % 2 ? n : n + p.replace(/\D/g, '').length), 0);
  let digits = digitCount === 11 ? '1' + to : to;
  const swapped = pieces.map((p, i) => {
    if (i % 2) return p;
    const own = p.replace(/\D/g, '').length;
    const next = replaceDigits(p, digits.slice(0, own));
    digits = digits.slice(own);
    return next;
  });
  return scheme + swapped.join('') + rest;
}
