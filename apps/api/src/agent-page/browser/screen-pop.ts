import type { RingingEvent } from './contract';
import { formatPhone } from './dom';

/**
 * The attribution an agent reads before answering, as label/value rows in the order that matters
 * on the phone: where the caller came from, whether they called before, what they pressed.
 */
export function screenPopRows(r: RingingEvent): [label: string, value: string][] {
  const rows: [string, string][] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value) rows.push([label, value]);
  };
  add('Source', r.source);
  add('Campaign', r.campaign);
  add('Keyword', r.keyword);
  add('Landing page', r.landingPage);
  add('Tracking number', formatPhone(r.trackingNumber));
  add(
    'Caller',
    r.firstTime
      ? 'First-time caller'
      : `Repeat caller · ${r.priorCalls} prior call${r.priorCalls === 1 ? '' : 's'}`,
  );
  add('Menu path', (r.pathLabels ?? r.path)?.join(' › '));
  if (r.previousCall) {
    const { leadStatus, score } = r.previousCall;
    const parts = [
      leadStatus ? humanize(leadStatus) : 'No lead status',
      score === null || score === undefined ? '' : `score ${score}`,
    ];
    add('Previous call', parts.filter(Boolean).join(' · '));
  }
  return rows;
}

/** What stays on screen during the conversation: where they came from and what they are worth. */
const IN_CALL_ROWS = new Set(['Source', 'Campaign', 'Caller', 'Previous call']);

export function inCallRows(r: RingingEvent): [label: string, value: string][] {
  return screenPopRows(r).filter(([label]) => IN_CALL_ROWS.has(label));
}

/** `good_lead` → `Good lead`: lead statuses are snake_case identifiers in the api. */
function humanize(id: string): string {
  const words = id.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
