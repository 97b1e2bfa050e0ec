import type { LeadStatus } from '@switchboard/domain';

/*
 * What a call's score routes answer with: response classes, types only (read by the OpenAPI
 * plugin); the scoring repository builds plain objects of these shapes.
 */

/** A call's score as it is now. */
export class CallScoreView {
  /** 0–100; null while not scored (no rules, or a manual status without a score). */
  score: number | null;
  leadStatus: LeadStatus;
  /** `manual` once a person set the score: rule changes then leave the call alone. */
  scoreSource: 'rules' | 'manual';
  /** Names of the scoring rules that matched (none for a manual score). */
  scoreReasons: string[];
}

/** The score before a manual change. */
export class ScoreBeforeView {
  score: number | null;
  leadStatus: LeadStatus;
  source: 'rules' | 'manual';
}

/** The score after a manual change. */
export class ScoreAfterView {
  score: number | null;
  leadStatus: LeadStatus;
}

/** One manual change of a call's score. */
export class ScoreChangeView {
  id: string;
  changedAt: Date;
  /** Who made it: `api-key:<keyId>`. */
  actor: string;
  /** `override`: set by hand; `back_to_rules`: given back to the property's rules. */
  action: 'override' | 'back_to_rules';
  from: ScoreBeforeView;
  to: ScoreAfterView;
  note: string | null;
}

/** A call's manual score changes, oldest first. */
export class ScoreChangeList {
  items: ScoreChangeView[];
}
