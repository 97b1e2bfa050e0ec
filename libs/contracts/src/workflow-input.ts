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
  /**
   * The call engine v2 guards all of a call's waits with one timer that fires no sooner than this
   * after it is set: a wait whose event never came ends at most this long after its own bound.
   * (Engine v1 keeps a timer per wait and ignores it.)
   */
  watchdogMinMs: number;
}

export const DEFAULT_CALL_TIMING: CallTiming = {
  initiatedWaitMs: 30_000,
  answerWaitMs: 15_000,
  promptWaitMs: 120_000,
  ringMarginMs: 10_000,
  maxTalkMs: 4 * 3600_000,
  watchdogMinMs: 60_000,
};

/**
 * What one call may send to the carrier (docs/DECISIONS.md, "Carrier command budget"): no flow and
 * no caller can turn a call into a burst against the account. A normal IVR call sends fewer than 10
 * commands in its busiest second and a few dozen in all.
 */
export const CALL_COMMAND_BUDGET = {
  /** Commands within any one second; the next one waits on a workflow timer. */
  perSecond: 25,
  /** Commands in the whole call; the next one ends the call as failed, saying why. */
  perCall: 400,
} as const;
