import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { historyShardsSetting } from '../temporal-server';

describe('TEMPORAL_HISTORY_SHARDS (npm start --temporal postgres)', () => {
  it('defaults to 4 and takes a whole number', () => {
    assert.equal(historyShardsSetting({}), 4);
    assert.equal(historyShardsSetting({ TEMPORAL_HISTORY_SHARDS: '512' }), 512);
  });

  it('a bad value stops the start naming the setting', () => {
    for (const bad of ['four', '0', '-2', '1.5', '100000'])
      assert.throws(
        () => historyShardsSetting({ TEMPORAL_HISTORY_SHARDS: bad }),
        /^Error: TEMPORAL_HISTORY_SHARDS must be a whole number from 1 to 16384/,
      );
  });
});
