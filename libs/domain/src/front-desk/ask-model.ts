import type { Prompt } from '../flow/prompt';

/**
 * A spoken front desk: one question asked in the caller's own words, the fields the admin names
 * read out of the answer (by the carrier's AI on a live call), and routes on those fields, as a
 * menu routes on keys. Anything not understood, or no route matching, goes to the fallback
 * (normally a key menu).
 */
export interface AskDefinition {
  readonly id: string;
  /** What the caller is asked; spoken by the carrier, so text only. */
  readonly prompt: Prompt;
  readonly fields: readonly AskField[];
  /** The first route whose `when` all hold is taken. */
  readonly routes: readonly AskRoute[];
  /** Nothing understood, a required field missing, no route matching, or the gather failing. */
  readonly fallback: string;
  /** How long the caller may stay silent before the gather ends. */
  readonly timeoutSeconds: number;
}

export interface AskField {
  /** Lower-case letters, digits and `_`: the key the carrier answers with. */
  readonly name: string;
  /** What the field means, in words the carrier's model reads. */
  readonly description: string;
  /** The field's only values (an enum); absent: free text (a unit number, a name). */
  readonly values?: readonly string[];
  /**
   * Other words a caller uses for a value (`maintenance`: leak, repair). The carrier reads them in
   * the field's description; the dry run matches them as it matches the value itself.
   */
  readonly synonyms?: Readonly<Record<string, readonly string[]>>;
  /** The answer counts as understood only with this field. */
  readonly required?: boolean;
}

export interface AskRoute {
  readonly label?: string;
  /** Field name → value; all must hold (AND). At least one. */
  readonly when: Readonly<Record<string, string>>;
  readonly next: string;
}

/** The fields understood from an answer, by field name. */
export type AskAnswer = Readonly<Record<string, string>>;

/** Where an answer leads. */
export type AskOutcome =
  | {
      readonly kind: 'route';
      readonly routeIndex: number;
      readonly stepId: string;
      readonly understood: AskAnswer;
    }
  | {
      readonly kind: 'fallback';
      /** `not_understood`: no answer, or a required field missing; `no_match`: no route holds. */
      readonly reason: 'not_understood' | 'no_match';
      readonly stepId: string;
      readonly understood: AskAnswer;
    };
