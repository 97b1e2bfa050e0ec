import type { ClickIds } from '@switchboard/domain';

/**
 * One conversion as the ad platforms are told it. `id` is stable per (rule, lead): each platform
 * is given it as its own deduplication key (Google Ads `orderId`, GA4 `transaction_id`, Meta
 * `event_id`), so a retried upload is never counted twice there either.
 */
export interface ConversionUpload {
  readonly id: string;
  /** The rule's conversion name (Google Ads conversion action name, GA4 event name, Meta event name). */
  readonly name: string;
  readonly value: number | null;
  /** ISO 4217, e.g. USD. */
  readonly currency: string;
  /** When the conversion happened, ISO 8601 UTC. */
  readonly occurredAt: string;
  /** The property's IANA time zone: the platform's time format is written in it. */
  readonly timeZone: string;
  readonly clickIds: ClickIds;
  /** E.164, when the lead gave a phone number (Meta and Google Ads hash it as user data). */
  readonly phone?: string | null;
  readonly email?: string | null;
  /** Where the lead came from on the site, when known (Meta's event_source_url). */
  readonly pageUrl?: string | null;
}

/** A property's connection to one ad platform. Secrets stay server side; views never echo them. */
export type AdDestination = GoogleAdsDestination | Ga4Destination | MetaDestination;
export type AdPlatform = AdDestination['platform'];

export interface GoogleAdsDestination {
  readonly platform: 'google_ads';
  /** 10 digits, no dashes. */
  readonly customerId: string;
  /** The conversion action's resource id (customers/{customerId}/conversionActions/{id}). */
  readonly conversionActionId: string;
  readonly developerToken: string;
  /** OAuth access token (the deployment refreshes it; see docs). */
  readonly accessToken: string;
  readonly loginCustomerId?: string;
}

export interface Ga4Destination {
  readonly platform: 'ga4';
  /** G-XXXXXXX */
  readonly measurementId: string;
  readonly apiSecret: string;
}

export interface MetaDestination {
  readonly platform: 'meta';
  readonly pixelId: string;
  readonly accessToken: string;
  /** Meta's test_event_code, to see events in Events Manager's test tab. */
  readonly testEventCode?: string;
}

/**
 * What a platform answered. `accepted`: done. `rejected`: the platform refused this conversion for
 * good (no matching click id, too old, bad credentials): retrying will not help, the delivery log
 * says why. `retry`: try again later (rate limited, the platform erred, the network failed).
 */
export type UploadResult =
  | { readonly status: 'accepted'; readonly detail?: string }
  | { readonly status: 'rejected'; readonly code: RejectCode; readonly message: string }
  | {
      readonly status: 'retry';
      readonly code: 'rate_limited' | 'platform_error' | 'network';
      readonly message: string;
      readonly retryAfterSeconds?: number;
    };

export type RejectCode =
  'missing_click_id' | 'invalid_click_id' | 'too_old' | 'bad_credentials' | 'invalid_request';

/** One adapter per platform; base URLs come from configuration so tests point them at the fakes. */
export interface ConversionAdapter<D extends AdDestination = AdDestination> {
  readonly platform: D['platform'];
  upload(destination: D, conversion: ConversionUpload): Promise<UploadResult>;
}
