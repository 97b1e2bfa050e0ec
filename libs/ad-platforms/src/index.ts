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
