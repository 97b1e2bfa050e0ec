import { RETENTION_CATEGORIES, type RetentionCategory } from '@switchboard/domain';

/** The retention categories as the console names them, in the api's order. */
export const CATEGORY_LABELS: Record<RetentionCategory, string> = {
  recordings: 'Call recordings',
  voicemail: 'Voicemail audio',
  transcripts: 'Transcripts',
  texts: 'Texts',
  emails: 'Emails',
  forms: 'Web forms',
  callerData: 'Caller data on call records',
};

export const CATEGORIES: readonly RetentionCategory[] = RETENTION_CATEGORIES;

/** A period as typed: empty is null; anything else goes to the api as a number if it is one. */
export function periodOf(text: string): number | string | null {
  const t = text.trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : t;
}

export const periodText = (v: number | string | null | undefined): string => (v == null ? '' : String(v));

export const describePeriod = (days: number | null): string =>
  days === null ? 'kept until erased' : `${days} day${days === 1 ? '' : 's'}`;
