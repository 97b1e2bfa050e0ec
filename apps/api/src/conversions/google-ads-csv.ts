import type { ConversionForUpload } from '@switchboard/persistence';

/**
 * MERGE(i21-adapters): the Google Ads offline click conversions upload file is written by
 * libs/ad-platforms' `googleAdsUploadCsv(rows, timeZone)` (helper B2's branch). Until that branch is
 * merged this call site has no writer and answers null (the route then answers 501); after the
 * merge, replace the body with `return googleAdsUploadCsv(conversions.map(csvRowOf), timeZone)`.
 */
export function googleAdsUploadFile(
  conversions: readonly ConversionForUpload[],
  timeZone: string,
): string | null {
  void conversions.map(csvRowOf);
  void timeZone;
  return null;
}

/** A stored conversion as a row of the upload file (libs/ad-platforms' GoogleAdsCsvRow). */
export function csvRowOf(c: ConversionForUpload) {
  return {
    name: c.name,
    value: c.value,
    currency: c.currency,
    occurredAt: c.occurredAt.toISOString(),
    clickIds: c.clickIds,
  };
}
