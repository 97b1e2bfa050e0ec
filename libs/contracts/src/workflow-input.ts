/** Input of the inbound call workflow: only what identifies the call; the rest arrives as signals. */
export interface InboundCallInput {
  callSessionId: string;
  /** Optional overrides so tests can run with short timers against a real server. */
  timing?: Partial<CallTiming>;
}

export interface CallTiming {
  /** How long to wait for call.initiated when a later event started the workflow. */
  initiatedWaitMs: number;
  /** How long to wait for call.answered after the answer command. */
  answerWaitMs: number;
  /** Upper bound for a greeting prompt to finish. */
  promptWaitMs: number;
  /** Safety margin on top of the ring timeout the carrier enforces. */
  ringMarginMs: number;
  /** Upper bound for a connected conversation (Telnyx's own default time limit is 4 h). */
  maxTalkMs: number;
}

export const DEFAULT_CALL_TIMING: CallTiming = {
  initiatedWaitMs: 30_000,
  answerWaitMs: 15_000,
  promptWaitMs: 120_000,
  ringMarginMs: 10_000,
  maxTalkMs: 4 * 3600_000,
};
