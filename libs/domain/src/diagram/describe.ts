import type { Prompt } from '../flow/prompt';
import type { Criterion, LeadStatus, SessionField, TextOperator } from '../routing/criterion-model';
import type { RingStrategy } from '../ring/ring-group-model';

/**
 * Display names for the things a flow refers to by id. Every map is optional; an id without a
 * name is shown as the id itself.
 */
export interface FlowDiagramNames {
  readonly schedules?: Readonly<Record<string, string>>;
  readonly ringGroups?: Readonly<Record<string, string>>;
  readonly voicemailBoxes?: Readonly<Record<string, string>>;
  /** Optional: the strategy of each ring group, shown after its name. */
  readonly ringStrategies?: Readonly<Record<string, RingStrategy>>;
}

/**
 * `record[key]` for a key that comes from stored data, without tripping over inherited keys such
 * as `constructor` or `__proto__`.
 */
export function own<V>(record: Readonly<Record<string, V>> | undefined, key: unknown): V | undefined {
  return record !== undefined && typeof key === 'string' && Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}

/** Edge labels are cut to this many characters. */
export const EDGE_LABEL_CHARS = 60;

/** The display name for an id, or the id itself. */
export function lookupName(names: Readonly<Record<string, string>> | undefined, id: string): string {
  const name = own(names, id);
  return typeof name === 'string' && oneLine(name) !== '' ? oneLine(name) : oneLine(String(id));
}

// Controls other than tab/newline/CR, and code points XML 1.0 forbids. Lone surrogates are
// matched because the `u` flag makes a valid pair one code point.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udfff]/gu;

/** One line of plain text: whitespace runs become one space, unsafe characters are dropped. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
}

/**
 * Cuts `text` to at most `max` characters (code points), ending with an ellipsis when cut. The cut
 * moves back to a word break when one is near, so words are not split in the middle.
 */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let cut = chars.slice(0, Math.max(0, max - 1)).join('');
  const space = cut.lastIndexOf(' ');
  if (chars[max - 1] !== ' ' && space >= (max - 1) * 0.6) cut = cut.slice(0, space);
  return cut.trimEnd().replace(/[\s,;:]+$/, '') + '…';
}

export function charCount(text: string): number {
  return Array.from(text).length;
}

const FIELD_NAMES: Record<SessionField, string> = {
  keyword: 'keyword',
  active_page: 'active page',
  landing_page: 'landing page',
  campaign: 'campaign',
  referrer: 'referrer',
};

const OPERATOR_NAMES: Record<TextOperator, string> = {
  equals: 'is',
  contains: 'contains',
  starts_with: 'starts with',
  matches: 'matches',
};

const LEAD_STATUS_NAMES: Record<LeadStatus, string> = {
  good_lead: 'previous call was a good lead',
  not_a_lead: 'previous call was not a lead',
  not_scored: 'previous call not scored',
};

const STRATEGY_NAMES: Record<RingStrategy, string> = {
  simultaneous: 'all at once',
  sequential: 'in order',
  round_robin: 'round robin',
};

/** A short human phrase for one criterion: "first-time caller", "keyword contains 2 bedroom". */
export function describeCriterion(criterion: Criterion): string {
  switch (criterion.type) {
    case 'first_time':
      return 'first-time caller';
    case 'repeat':
      return 'repeat caller';
    case 'source': {
      const values = (criterion.values ?? []).map((v) => oneLine(String(v))).filter((v) => v !== '');
      const list = values.length === 0 ? 'nothing' : values.join(', ');
      return `source ${criterion.op === 'is_not' ? 'is not' : 'is'} ${list}`;
    }
    case 'keyword':
    case 'active_page':
    case 'landing_page':
    case 'campaign':
    case 'referrer':
      return `${FIELD_NAMES[criterion.type]} ${own(OPERATOR_NAMES, criterion.op) ?? oneLine(String(criterion.op))} ${oneLine(
        String(criterion.value),
      )}`;
    case 'previous_score':
      return `previous score ${criterion.op === 'below' ? '<' : '≥'} ${criterion.value}`;
    case 'previous_lead_status':
      return (
        own(LEAD_STATUS_NAMES, criterion.value) ?? `previous lead status ${oneLine(String(criterion.value))}`
      );
    default:
      // Stored flows are data: an unknown criterion is shown, not thrown.
      return oneLine(String((criterion as { type?: unknown }).type));
  }
}

/** The criteria of one route branch, AND-ed: "repeat caller and source is Zillow". */
export function describeCriteria(criteria: readonly Criterion[]): string {
  if (criteria.length === 0) return 'always';
  return criteria.map(describeCriterion).join(' and ');
}

export function describeStrategy(strategy: RingStrategy): string {
  return own(STRATEGY_NAMES, strategy) ?? oneLine(String(strategy));
}

/** `“Welcome to Sunset…”` for speech, `audio welcome` for a recording; `full` skips truncation. */
export function describePrompt(prompt: Prompt | undefined, max: number | null): string | undefined {
  if (prompt === undefined || prompt === null) return undefined;
  if (prompt.kind === 'tts') {
    const text = oneLine(String(prompt.text));
    return `“${max === null ? text : truncate(text, max)}”`;
  }
  return `audio ${oneLine(String(prompt.audioId))}`;
}
