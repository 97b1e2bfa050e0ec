/** One person's data erased from an account: one `eraseSubject` workflow per request (docs/privacy-requests.md). */
export const ERASE_SUBJECT_WORKFLOW = 'eraseSubject';

/** One workflow per request, ever: the api's start and the worker's sweep of lost starts agree on it. */
export const erasureWorkflowId = (requestId: string) => `erasure-${requestId}`;

/**
 * What an erasure works through, in this order, recording progress after each. Recordings go
 * before the calls are tokenised only for clarity: every kind finds its rows by the raw value or by
 * the token, so a kind repeated after a crash finds what it already did and redoes nothing.
 * - `recordings`: conversation and voicemail recordings of the person's calls (ours and the carrier's)
 * - `calls`: the number, transcripts, what an `ask` step heard, the carrier's events, voicemail
 *   messages, score notes, the calls' visits
 * - `texts`: conversations (bodies, number), their notifications and carrier events
 * - `emails`: sender, subject, bodies
 * - `forms`: fields, name, phone, email, message, their visits
 * - `conversions`: the leads' phone, email, click ids, page query strings
 * - `webhooks`: delivery payloads naming the person or the erased calls, texts, emails and forms
 * - `histories`: the calls' Temporal executions (input and search attributes hold the number)
 */
export const ERASURE_KINDS = [
  'recordings',
  'calls',
  'texts',
  'emails',
  'forms',
  'conversions',
  'webhooks',
  'histories',
] as const;
export type ErasureKind = (typeof ERASURE_KINDS)[number];

/** The kinds that are plain database work (one `eraseKind` activity each). */
export type ErasureTableKind = Exclude<ErasureKind, 'recordings' | 'histories'>;

/** What an erasure changed, by kind; a kind appears once it is done. */
export type ErasureCounts = Partial<Record<ErasureKind, number>>;

export interface EraseSubjectInput {
  requestId: string;
}

/** Where a (re)started erasure stands: the kinds already done are not run again. */
export interface ErasureStart {
  /** False when the request is finished (done or failed) or gone: nothing to do. */
  proceed: boolean;
  done: ErasureKind[];
}

/** Failure type of an erasure that must wait: a call of the person is still in progress. */
export const CALL_IN_PROGRESS = 'CallInProgress';
