import type { CallOutcome, PathEntry } from '@switchboard/contracts';

export interface CallSummaryFacts {
  from: string;
  to: string;
  source: string | null;
  campaign: string | null;
  firstTime: boolean | null;
  outcome: CallOutcome;
  answeredBy: string | null;
  talkSecs: number;
  path: PathEntry[];
}

const OUTCOME_WORDS: Record<CallOutcome, string> = {
  answered: 'answered',
  voicemail: 'left a voicemail',
  abandoned: 'hung up before being connected',
  no_answer: 'nobody answered',
  rejected: 'rejected (unknown number)',
};

/**
 * One line an operator reads in the Web UI's memo: who called which source, how it ended, and the
 * steps it took, e.g. `+13125550111 → +13125550100 (Zillow, first-time): answered by +1312…
 * after 2 min 5 s talk · main-menu › leasing (pressed 1) › connected`.
 */
export function callSummary(f: CallSummaryFacts): string {
  const about = [
    f.source,
    f.campaign ? `campaign ${f.campaign}` : null,
    f.firstTime === null ? null : f.firstTime ? 'first-time' : 'repeat',
  ]
    .filter(Boolean)
    .join(', ');
  const ending =
    f.outcome === 'answered' && f.answeredBy
      ? `answered by ${f.answeredBy}, ${duration(f.talkSecs)} talk`
      : OUTCOME_WORDS[f.outcome];
  const steps = f.path
    .map((p) => (p.detail?.startsWith('pressed') ? `${p.step} (${p.detail})` : p.step))
    .join(' › ');
  return `${f.from} → ${f.to}${about ? ` (${about})` : ''}: ${ending}${steps ? ` · ${steps}` : ''}`;
}

function duration(secs: number): string {
  const m = Math.floor(secs / 60);
  return m > 0 ? `${m} min ${secs % 60} s` : `${secs} s`;
}
