import type { AdPlatform, ConversionAdapter } from './adapter';
import { ga4Adapter } from './ga4';
import { googleAdsAdapter } from './google-ads';
import { metaAdapter } from './meta';
import type { PlatformEndpoints } from './platform-request';

/** Each platform's adapter, keyed by the platform a destination names. */
export type ConversionAdapters = {
  readonly [P in AdPlatform]: ConversionAdapter<
    Extract<Parameters<ConversionAdapter['upload']>[0], { platform: P }>
  >;
};

/** The three adapters on the configured base URLs (GOOGLE_ADS_API_URL, GA4_MP_URL, META_GRAPH_URL). */
export function createConversionAdapters(o: PlatformEndpoints): ConversionAdapters {
  return { google_ads: googleAdsAdapter(o), ga4: ga4Adapter(o), meta: metaAdapter(o) };
}
