import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_RETENTION_SCHEDULE, loadConfig } from '../env';

describe('retention settings', () => {
  it('default to a daily run at 03:00 UTC and the namespace keeping its own history retention', () => {
    const { retention } = loadConfig({});
    assert.equal(retention.schedule, DEFAULT_RETENTION_SCHEDULE);
    assert.equal(retention.schedule, '0 3 * * *');
    assert.equal(retention.historyRetentionDays, undefined);
  });

  it('take a cron expression or off, and a number of days', () => {
    const r = loadConfig({
      RETENTION_SCHEDULE: '30  2 * * 1-5',
      TEMPORAL_HISTORY_RETENTION_DAYS: '14',
    }).retention;
    assert.deepEqual(r, { schedule: '30 2 * * 1-5', historyRetentionDays: 14 });
    assert.equal(loadConfig({ RETENTION_SCHEDULE: 'OFF' }).retention.schedule, 'off');
  });

  it('refuse anything else, naming the setting', () => {
    for (const [name, value] of [
      ['RETENTION_SCHEDULE', 'daily'],
      ['RETENTION_SCHEDULE', '0 3 * *'],
      ['TEMPORAL_HISTORY_RETENTION_DAYS', '0'],
      ['TEMPORAL_HISTORY_RETENTION_DAYS', 'week'],
    ])
      assert.throws(
        () => loadConfig({ [name]: value }),
        (e: Error) => e instanceof ConfigError && e.message.includes(name),
      );
  });
});
