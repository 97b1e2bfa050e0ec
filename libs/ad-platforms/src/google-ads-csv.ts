import type { ConversionUpload } from './adapter';
import { googleClickId } from './google-ads';
import { checkTimeZone, googleAdsCsvTime } from './platform-time';

/** What one row of the file needs of a conversion. */
export type GoogleAdsCsvRow = Pick<
  ConversionUpload,
  'name' | 'value' | 'currency' | 'occurredAt' | 'clickIds'
>;

/**
 * Google Ads' "conversions from clicks" import file, for accounts that upload by hand or by
 * scheduled file instead of the API: the `Parameters:TimeZone=<IANA zone>` line (Google's advice
 * for zones with DST), then Google's header row, then one row per conversion with its time on the
 * wall clock of that zone. Google takes exactly one click id per row: gclid in `Google Click ID`,
 * else gbraid or wbraid in their own columns, which are only written when a row needs them.
 * Rows without any Google click id cannot be imported and are left out.
 */
export function googleAdsUploadCsv(rows: readonly GoogleAdsCsvRow[], timeZone: string): string {
  checkTimeZone(timeZone);
  const kept = rows.flatMap((r) => {
    const click = googleClickId(r.clickIds);
    return click ? [{ r, click }] : [];
  });
  const braids = kept.some(({ click }) => !('gclid' in click));
  const header = [
    'Google Click ID',
    ...(braids ? ['GBRAID', 'WBRAID'] : []),
    'Conversion Name',
    'Conversion Time',
    'Conversion Value',
    'Conversion Currency',
  ];
  const lines = [`Parameters:TimeZone=${timeZone}`, header.join(',')];
  for (const { r, click } of kept) {
    lines.push(
      [
        'gclid' in click ? click.gclid : '',
        ...(braids ? ['gbraid' in click ? click.gbraid : '', 'wbraid' in click ? click.wbraid : ''] : []),
        r.name,
        googleAdsCsvTime(r.occurredAt, timeZone),
        r.value === null ? '' : String(r.value),
        r.currency,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** RFC 4180 quoting: a cell with a comma, quote or line break is quoted, its quotes doubled. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
