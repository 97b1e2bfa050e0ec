import type { ScoringRulesDto } from './dto';

/** A property's scoring rules, with how far the rescoring of its calls has got. */
export class PropertyScoringView {
  /** null: the property has no rules (its calls are not scored by rules). */
  rules: ScoringRulesDto | null;

  /** Goes up by one with every save or removal. */
  version: number;

  /** Rule-scored calls not yet scored by this version (a rescore is under way while above 0). */
  staleCalls: number;
}

/** The rules as saved, and the background rescore the save started. */
export class SavedScoringView extends PropertyScoringView {
  /** The Temporal workflow rescoring the property's calls. */
  rescoreWorkflowId: string;
}
