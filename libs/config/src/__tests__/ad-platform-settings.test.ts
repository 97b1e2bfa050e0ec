import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../env';

describe('ad platform settings', () => {
  it('points at the real platforms by default, public addresses only', () => {
    assert.deepEqual(loadConfig({}).adPlatforms, {
      googleAdsUrl: 'https://googleads.googleapis.com',
      ga4Url: 'https://www.google-analytics.com',
      metaUrl: 'https://graph.facebook.com',
      allowPrivateNetworks: false,
    });
  });

  it('reads the three URLs (trailing slash dropped) and the private-network switch', () => {
    const cfg = loadConfig({
      GOOGLE_ADS_API_URL: 'http://127.0.0.1:8791/',
      GA4_MP_URL: 'http://127.0.0.1:8791',
      META_GRAPH_URL: 'http://127.0.0.1:8791//',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    assert.deepEqual(cfg.adPlatforms, {
      googleAdsUrl: 'http://127.0.0.1:8791',
      ga4Url: 'http://127.0.0.1:8791',
      metaUrl: 'http://127.0.0.1:8791',
      allowPrivateNetworks: true,
    });
  });

  it('refuses what is not an http(s) URL, naming the setting', () => {
    for (const [name, bad] of [
      ['GOOGLE_ADS_API_URL', 'googleads.googleapis.com'],
      ['GA4_MP_URL', 'ftp://www.google-analytics.com'],
      ['META_GRAPH_URL', 'not a url'],
    ])
      assert.throws(
        () => loadConfig({ [name]: bad }),
        (e: unknown) => e instanceof ConfigError && e.message.startsWith(name),
        name,
      );
  });
});
