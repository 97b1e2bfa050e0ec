import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  googleAdsCsvTime,
  googleAdsDateTime,
  PlatformTimeError,
  unixMicros,
  unixSeconds,
} from '../platform-time';

describe('each platform’s conversion time', () => {
  it('writes Google Ads’ local time with the offset in force, across both DST changes', () => {
    // New York: EST (-05:00) until 2026-03-08 07:00 UTC, EDT (-04:00) until 2026-11-01 06:00 UTC.
    const ny = 'America/New_York';
    assert.equal(googleAdsDateTime('2026-03-08T06:59:59Z', ny), '2026-03-08 01:59:59-05:00');
    assert.equal(googleAdsDateTime('2026-03-08T07:00:00Z', ny), '2026-03-08 03:00:00-04:00');
    assert.equal(googleAdsDateTime('2026-11-01T05:30:00Z', ny), '2026-11-01 01:30:00-04:00');
    // The repeated hour after the fall change: same wall clock, the offset tells them apart.
    assert.equal(googleAdsDateTime('2026-11-01T06:30:00Z', ny), '2026-11-01 01:30:00-05:00');
  });

  it('handles zones east of UTC, half-hour offsets, the southern hemisphere and the date line', () => {
    assert.equal(googleAdsDateTime('2026-07-01T12:00:00Z', 'Europe/Berlin'), '2026-07-01 14:00:00+02:00');
    assert.equal(googleAdsDateTime('2026-01-15T12:00:00Z', 'Europe/Berlin'), '2026-01-15 13:00:00+01:00');
    assert.equal(googleAdsDateTime('2026-01-15T12:00:00Z', 'Asia/Kolkata'), '2026-01-15 17:30:00+05:30');
    // Sydney is on daylight time in January (+11:00), standard in July (+10:00).
    assert.equal(googleAdsDateTime('2026-01-15T20:00:00Z', 'Australia/Sydney'), '2026-01-16 07:00:00+11:00');
    assert.equal(googleAdsDateTime('2026-07-15T20:00:00Z', 'Australia/Sydney'), '2026-07-16 06:00:00+10:00');
    assert.equal(googleAdsDateTime('2026-12-31T23:59:59.900Z', 'UTC'), '2026-12-31 23:59:59+00:00');
    assert.equal(googleAdsDateTime('2026-06-01T00:00:00Z', 'America/St_Johns'), '2026-05-31 21:30:00-02:30');
  });

  it('writes the upload file’s time without offset, in the file’s zone', () => {
    assert.equal(googleAdsCsvTime('2026-03-08T07:00:00Z', 'America/New_York'), '2026-03-08 03:00:00');
    assert.equal(googleAdsCsvTime('2026-11-01T06:30:00Z', 'America/New_York'), '2026-11-01 01:30:00');
  });

  it('gives GA4 microseconds and Meta whole seconds, whatever the zone', () => {
    assert.equal(unixMicros('2026-03-08T07:00:00.123Z'), 1772953200123000);
    assert.equal(unixSeconds('2026-03-08T07:00:00.999Z'), 1772953200);
    assert.equal(unixSeconds('2026-03-08T02:00:00-05:00'), 1772953200);
  });

  it('refuses an unknown zone or a time that is not one', () => {
    assert.throws(() => googleAdsDateTime('2026-03-08T07:00:00Z', 'Mars/Olympus'), PlatformTimeError);
    assert.throws(() => googleAdsDateTime('yesterday', 'UTC'), PlatformTimeError);
    assert.throws(() => unixSeconds('2026-13-45'), PlatformTimeError);
  });
});
