/** @switchboard/ad-platforms — conversion uploads to Google Ads, GA4 and Meta, one adapter each. */
export type {
  AdDestination,
  AdPlatform,
  ConversionAdapter,
  ConversionUpload,
  Ga4Destination,
  GoogleAdsDestination,
  MetaDestination,
  RejectCode,
  UploadResult,
} from './adapter';
export { createConversionAdapters, type ConversionAdapters } from './conversion-adapters';
export type { PlatformEndpoints } from './platform-request';
export { googleAdsUploadCsv, type GoogleAdsCsvRow } from './google-ads-csv';
export { GOOGLE_ADS_API_VERSION } from './google-ads';
export { META_GRAPH_API_VERSION } from './meta';
export {
  googleAdsDateTime,
  googleAdsCsvTime,
  unixMicros,
  unixSeconds,
  PlatformTimeError,
} from './platform-time';
