import { DESTINATION_SECRETS, type ConversionPlatform } from '@switchboard/domain';
import type { Ok } from '../../api/types';

export type Destination = Ok<'/v1/properties/{propertyId}/conversion-destinations/{destinationId}', 'get'>;
export type GoogleAdsMode = 'api' | 'csv';

/** One setting of a platform as the form shows it; secrets are write-only (docs/conversions.md). */
export interface Setting {
  key: string;
  label: string;
  hint?: string;
  secret: boolean;
}

export const PLATFORM_LABELS: Readonly<Record<ConversionPlatform, string>> = {
  google_ads: 'Google Ads',
  ga4: 'Google Analytics 4',
  meta: 'Meta',
};

const setting = (platform: ConversionPlatform, key: string, label: string, hint?: string): Setting => ({
  key,
  label,
  secret: DESTINATION_SECRETS[platform].includes(key),
  ...(hint ? { hint } : {}),
});

const SETTINGS: Readonly<Record<ConversionPlatform, readonly Setting[]>> = {
  google_ads: [
    setting('google_ads', 'customerId', 'Customer id', '10 digits, without dashes'),
    setting(
      'google_ads',
      'conversionActionId',
      'Conversion action id',
      'The numeric id of the conversion action',
    ),
    setting(
      'google_ads',
      'loginCustomerId',
      'Manager account id',
      'Optional: 10 digits, when signed in through a manager',
    ),
    setting('google_ads', 'developerToken', 'Developer token'),
    setting('google_ads', 'accessToken', 'Access token', 'An OAuth access token of the Google Ads API'),
  ],
  ga4: [
    setting('ga4', 'measurementId', 'Measurement id', 'G-XXXXXXXXXX'),
    setting('ga4', 'apiSecret', 'API secret', 'A Measurement Protocol API secret of the data stream'),
  ],
  meta: [
    setting('meta', 'pixelId', 'Pixel id', 'The numeric id of the pixel (dataset)'),
    setting('meta', 'accessToken', 'Access token', 'A Conversions API access token'),
    setting(
      'meta',
      'testEventCode',
      'Test event code',
      'Optional: from Events Manager, to see test events there',
    ),
  ],
};

/**
 * The settings a destination's form asks for. A Google Ads destination in upload-file mode needs
 * none: its conversions are downloaded and imported by hand, never sent.
 */
export const settingsOf = (platform: ConversionPlatform, mode: GoogleAdsMode): readonly Setting[] =>
  platform === 'google_ads' && mode === 'csv' ? [] : SETTINGS[platform];

export const modeOf = (d: Pick<Destination, 'platform' | 'config'>): GoogleAdsMode =>
  d.platform === 'google_ads' && d.config.mode === 'csv' ? 'csv' : 'api';

/** Whether the api says a secret is stored (`developerTokenSet`): its value is never shown. */
export const secretSet = (d: Destination, key: string): boolean => d.config[`${key}Set`] === true;

/** `Google Ads (upload file)`, `Google Ads (API)`, `Meta`. */
export function platformLabel(d: Pick<Destination, 'platform' | 'config'>): string {
  if (d.platform !== 'google_ads') return PLATFORM_LABELS[d.platform];
  return modeOf(d) === 'csv' ? 'Google Ads (upload file)' : 'Google Ads (API)';
}

/** The settings in a line: values of the plain ones, "set" or "not set" for secrets. */
export function settingsSummary(d: Destination): string {
  return settingsOf(d.platform, modeOf(d))
    .map((s) => {
      if (s.secret) return `${s.label}: ${secretSet(d, s.key) ? 'set' : 'not set'}`;
      const v = d.config[s.key];
      return typeof v === 'string' && v !== '' ? `${s.label}: ${v}` : '';
    })
    .filter(Boolean)
    .join(' · ');
}
