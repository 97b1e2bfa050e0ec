import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { renderDniScript } from '../dni-script-bundle';

describe('renderDniScript', () => {
  const a = renderDniScript({ apiBase: 'https://api.example.com', dniKey: 'k_123' });

  it('is one valid script that embeds the base and the key', () => {
    assert.doesNotThrow(() => new Script(a.body));
    assert.match(a.body, /\(\{"apiBase":"https:\/\/api\.example\.com","dniKey":"k_123"\}\);\n$/);
  });

  it('stays a few KB gzipped', () => {
    const size = gzipSync(a.body).length;
    assert.ok(size < 5000, `gzipped size ${size} B`);
  });

  it('has an ETag per rendered script, stable across renders', () => {
    assert.equal(renderDniScript({ apiBase: 'https://api.example.com', dniKey: 'k_123' }).etag, a.etag);
    assert.notEqual(renderDniScript({ apiBase: 'https://api.example.com', dniKey: 'k_124' }).etag, a.etag);
  });

  it('cannot close a surrounding <script> through its config', () => {
    const b = renderDniScript({ apiBase: 'https://x/</script><script>alert(1)//', dniKey: 'k' });
    assert.doesNotMatch(b.body, /<\/script>/);
  });

  it('uses no syntax newer than ES2017', () => {
    // What the browser tsconfig's target guarantees; checked here so a config change cannot slip.
    assert.doesNotMatch(a.body, /\?\.|\?\?|\bclass\s+\w+\s*\{[^}]*#/);
  });
});
