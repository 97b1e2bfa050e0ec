import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { googleAdsUploadCsv, type GoogleAdsCsvRow } from '../google-ads-csv';
import { PlatformTimeError } from '../platform-time';

const row = (o: Partial<GoogleAdsCsvRow>): GoogleAdsCsvRow => ({
  name: 'Qualified call',
  value: 120,
  currency: 'USD',
  occurredAt: '2026-07-01T16:05:09Z',
  clickIds: { gclid: 'Cj0KCQ-abc' },
  ...o,
});

describe('googleAdsUploadCsv: the offline conversions import file', () => {
  it('names the zone once, writes Google’s header and each conversion at that zone’s wall clock', () => {
    const csv = googleAdsUploadCsv(
      [
        row({}),
        row({
          name: 'Form lead',
          value: null,
          occurredAt: '2026-12-01T03:00:00Z',
          clickIds: { gclid: 'G2' },
        }),
      ],
      'America/Chicago',
    );
    assert.equal(
      csv,
      [
        'Parameters:TimeZone=America/Chicago',
        'Google Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency',
        'Cj0KCQ-abc,Qualified call,2026-07-01 11:05:09,120,USD',
        'G2,Form lead,2026-11-30 21:00:00,,USD',
        '',
      ].join('\r\n'),
    );
  });

  it('adds GBRAID and WBRAID columns only when a row is matched by one, one click id per row', () => {
    const csv = googleAdsUploadCsv(
      [
        row({ clickIds: { gclid: 'G1', gbraid: 'ignored-when-gclid' } }),
        row({ clickIds: { gbraid: 'B1' } }),
        row({ clickIds: { wbraid: 'W1' } }),
      ],
      'UTC',
    );
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(
      lines[1],
      'Google Click ID,GBRAID,WBRAID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency',
    );
    assert.equal(lines[2], 'G1,,,Qualified call,2026-07-01 16:05:09,120,USD');
    assert.equal(lines[3], ',B1,,Qualified call,2026-07-01 16:05:09,120,USD');
    assert.equal(lines[4], ',,W1,Qualified call,2026-07-01 16:05:09,120,USD');
  });

  it('leaves out leads with no Google click id and quotes names with commas or quotes', () => {
    const csv = googleAdsUploadCsv(
      [row({ clickIds: { fbclid: 'F1' } }), row({ name: 'Call, "qualified"', value: 12.5 })],
      'UTC',
    );
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines.length, 3);
    assert.equal(lines[2], 'Cj0KCQ-abc,"Call, ""qualified""",2026-07-01 16:05:09,12.5,USD');
  });

  it('refuses a zone Google would not know, before writing anything', () => {
    assert.throws(() => googleAdsUploadCsv([row({})], 'Eastern'), PlatformTimeError);
  });
});
