import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../env';

describe('client address settings', () => {
  it('trusts no proxy and caps two holds per client by default', () => {
    const cfg = loadConfig({});
    assert.deepEqual(cfg.api.trustedProxies, []);
    assert.deepEqual(cfg.dni, { rateLimitBurst: 60, rateLimitPerMinute: 120, maxHoldsPerClient: 2 });
  });

  it('reads TRUSTED_PROXIES as addresses, CIDRs and named ranges', () => {
    const cfg = loadConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, 192.0.2.1 ,fd00::/8,loopback' });
    assert.deepEqual(cfg.api.trustedProxies, ['10.0.0.0/8', '192.0.2.1', 'fd00::/8', 'loopback']);
  });

  it('refuses what is not an address, a CIDR or a named range, naming the setting', () => {
    for (const bad of ['proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '*'])
      assert.throws(
        () => loadConfig({ TRUSTED_PROXIES: bad }),
        (e: unknown) => e instanceof ConfigError && e.message.startsWith('TRUSTED_PROXIES'),
        bad,
      );
    assert.throws(() => loadConfig({ DNI_MAX_HOLDS_PER_CLIENT: 'two' }), /DNI_MAX_HOLDS_PER_CLIENT/);
  });
});
