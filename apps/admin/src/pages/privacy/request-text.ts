import type { Ok } from '../../api/types';

export type PrivacyRequest = Ok<'/v1/privacy/requests', 'get'>['items'][number];

/** The kinds of data an erasure works through, in its order, as people name them (docs/privacy-requests.md). */
const KIND_LABELS: Record<string, string> = {
  recordings: 'recordings',
  calls: 'calls',
  texts: 'text conversations',
  emails: 'emails',
  forms: 'forms',
  conversions: 'conversions',
  webhooks: 'webhook deliveries',
  histories: 'call histories',
  voicemails: 'voicemails',
  visitorSessions: 'visits',
};

const label = (kind: string) => KIND_LABELS[kind] ?? kind;

/** `calls 2 · recordings 2 · texts 0`: what an erasure changed or an export held, kind by kind. */
export function countsText(counts: PrivacyRequest['counts']): string {
  // In the order an erasure works through them, kinds the console does not know last.
  const order = Object.keys(KIND_LABELS);
  const rank = (kind: string) => (order.includes(kind) ? order.indexOf(kind) : order.length);
  const entries = Object.entries(counts)
    .filter(([, n]) => typeof n === 'number')
    .sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return '—';
  return entries.map(([kind, n]) => `${label(kind)} ${n}`).join(' · ');
}

/** `Running: recordings, calls done` / `Done` / `Failed: why`. */
export function statusText(r: PrivacyRequest): string {
  if (r.status === 'failed') return `Failed: ${r.error ?? 'no reason given'}`;
  if (r.status === 'running')
    return r.progress.length ? `Running: ${r.progress.map(label).join(', ')} done` : 'Running';
  return r.status === 'pending' ? 'Waiting to start' : 'Done';
}

/** An erasure still has work to do: its list is asked again until it ends. */
export const underWay = (r: PrivacyRequest): boolean => r.status === 'pending' || r.status === 'running';
