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
  formTracking: FormTrackingView;
}

/** Form tracking: whether the script sends the site's form submissions, and the admin's field map. */
export class FormTrackingView {
  enabled: boolean;
  /** Form field `name` → `name`, `phone`, `email` or `message`; mapped fields are always captured. */
  fieldMap: Record<string, 'name' | 'phone' | 'email' | 'message'>;
}

/** What the script needs to track forms: the field map (present only when form tracking is on). */
export class FormTrackingAnswerView {
  fieldMap: Record<string, 'name' | 'phone' | 'email' | 'message'>;
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
  /** Null: the property does not track forms, and the script sends none. */
  formTracking: FormTrackingAnswerView | null;
}

/** A visit started or resumed. */
export class VisitAnswerView extends PageViewAnswerView {
  /** The browser's visitor id: sent back on the next visit to resume it. */
  visitorId: string;
  sessionId: string;
}

/** A form submission stored. */
export class FormReceiptView {
  id: string;
}

/** A source's number pool: its numbers are handed out one per website visitor. */
export class PoolView {
  id: string;
  propertyId: string;
  sourceId: string;
  name: string;
  /** What a visitor gets when every number is held: overflow, main_number or reuse_lru. */
  exhaustionPolicy: 'overflow' | 'main_number' | 'reuse_lru';
  /** Policy `overflow`: the tracking number shown then. */
  overflowTrackingNumberId: string | null;
  /** The pool's tracking numbers, by number. */
  trackingNumberIds: string[];
  createdAt: Date;
}

export class PoolListView {
  items: PoolView[];
}

/** A pool's numbers held by visitors now, free, and how often visitors found it full. */
export class PoolUtilizationView {
  poolId: string;
  total: number;
  held: number;
  free: number;
  /** Held share of the pool, 0–1. */
  utilization: number;
  /** Assignments that found every number held (the exhaustion policy applied). */
  exhaustedAssignments: number;
}
