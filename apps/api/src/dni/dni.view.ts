/*
 * What the DNI settings and the DNI script's visit endpoints answer with. Response classes, types
 * only (read by the OpenAPI plugin): DniSettingsService and VisitsService build plain objects.
 */

/** A property's DNI settings. */
export class DniSettingsView {
  /** The public key the DNI script and visit endpoints are addressed by (`/dni/{dniKey}.js`). */
  dniKey: string;
  /** Origins (`https://example.com`) the visit endpoints answer; others are refused. */
  allowedOrigins: string[];
  /** Numbers on the website the script replaces with the visit's tracking number. */
  swapNumbers: string[];
  /** Minutes a visit keeps its pool number after its last page view. */
  sessionGraceMinutes: number;
  /** Minutes after a hold ends in which a call is still attributed to its last holder. */
  lookbackMinutes: number;
  attributionModel: 'first_touch' | 'last_touch';
  /** Days within which a caller counts as a repeat caller; null: ever. */
  repeatCallerWindowDays: number | null;
}

/** A number to replace on the page. */
export class SwapView {
  /** The number as the page shows it (one of `swapNumbers`). */
  original: string;
  /** The visit's tracking number. */
  replacement: string;
}

/** What a page view answers: the numbers to swap, and when to call again. */
export class PageViewAnswerView {
  swaps: SwapView[];
  /** Seconds until the script's next page-view heartbeat keeps the hold. */
  heartbeatSeconds: number;
}

/** A visit started or resumed. */
export class VisitAnswerView extends PageViewAnswerView {
  /** The browser's visitor id: sent back on the next visit to resume it. */
  visitorId: string;
  sessionId: string;
}
