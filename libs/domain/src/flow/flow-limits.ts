/** Limits that keep calls sane; the carrier allows more, callers tolerate less. */
export const FLOW_LIMITS = {
  /** Far more than a phone tree a caller can get through; bounds the api's work on a save or diagram. */
  steps: { max: 200 },
  menuTimeoutSeconds: { min: 1, max: 120 },
  menuMaxRetries: { min: 0, max: 10 },
  forwardTimeoutSeconds: { min: 5, max: 600 },
  voicemailMaxLengthSeconds: { min: 1, max: 14_400 },
  /** The carrier's AI gather waits this long for the caller to speak. */
  askTimeoutSeconds: { min: 3, max: 60 },
  /** Fields a spoken question asks for: a caller answers a few things at once, not a form. */
  askFields: { min: 1, max: 10 },
  askValues: { min: 1, max: 20 },
  askRoutes: { min: 0, max: 20 },
  /** The carrier's limit on an AI gather's greeting. */
  askPromptChars: { min: 1, max: 3_000 },
} as const;

export function inRange(value: unknown, range: { min: number; max: number }): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max;
}

export function rangeText(range: { min: number; max: number }): string {
  return `${range.min}–${range.max}`;
}
