/** The three platforms the simulator stands in for. */
export type SimPlatform = 'google_ads' | 'ga4' | 'meta';

/** One conversion a platform accepted, as the simulator recorded it. */
export interface ReceivedConversion {
  platform: SimPlatform;
  /** When the simulator took it (ISO). */
  at: string;
  /** The account it went to: Google customer id, GA4 measurement id, Meta pixel id. */
  account: string;
  /** The platform's deduplication key: Google orderId, GA4 transaction_id, Meta event_id. */
  id: string | null;
  /** Conversion action resource name, GA4 event name or Meta event name. */
  name: string;
  /** The click id it was matched by: gclid / gbraid / wbraid, GA4 client_id, Meta fbc (or fbp). */
  clickId: string | null;
  /** The time as the platform was given it (Google's date-time text, GA4 micros, Meta seconds). */
  time: string | number;
  value: number | null;
  currency: string | null;
  /** The one event or conversion object as sent. */
  raw: unknown;
}

/** GA4 drops bad events without saying so; the simulator keeps them here so tests can see them. */
export interface DroppedEvent {
  at: string;
  reasons: string[];
  raw: unknown;
}

/** What the simulator remembers: accepted conversions, dropped GA4 events and injected rate limits. */
export class SimState {
  readonly received: ReceivedConversion[] = [];
  readonly dropped: DroppedEvent[] = [];
  private readonly rateLimited = new Map<SimPlatform, number>();
  private readonly seen = new Set<string>();

  /** The next `count` requests to `platform` are answered as rate limited. */
  rateLimitNext(platform: SimPlatform, count: number): void {
    this.rateLimited.set(platform, count);
  }

  /** Whether this request is one of the injected rate limits (and uses it up). */
  takeRateLimit(platform: SimPlatform): boolean {
    const left = this.rateLimited.get(platform) ?? 0;
    if (left <= 0) return false;
    this.rateLimited.set(platform, left - 1);
    return true;
  }

  /** Records a platform's deduplication key; false when it was recorded before. */
  firstTime(platform: SimPlatform, key: string): boolean {
    const k = `${platform}\u0000${key}`;
    if (this.seen.has(k)) return false;
    this.seen.add(k);
    return true;
  }

  reset(): void {
    this.received.length = 0;
    this.dropped.length = 0;
    this.rateLimited.clear();
    this.seen.clear();
  }
}
