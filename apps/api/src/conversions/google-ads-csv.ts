import { googleAdsUploadCsv, type GoogleAdsCsvRow } from '@switchboard/ad-platforms';
import type { ConversionForUpload } from '@switchboard/persistence';

/** The Google Ads offline click conversions upload file of stored conversions, in the property's zone. */
export function googleAdsUploadFile(conversions: readonly ConversionForUpload[], timeZone: string): string {
  return googleAdsUploadCsv(conversions.map(csvRowOf), timeZone);
}

/** A stored conversion as a row of the upload file. */
function csvRowOf(c: ConversionForUpload): GoogleAdsCsvRow {
  return {
    name: c.name,
    value: c.value,
    currency: c.currency,
    occurredAt: c.occurredAt.toISOString(),
    clickIds: c.clickIds,
  };
}
