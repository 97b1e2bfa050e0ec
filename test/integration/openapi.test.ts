import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIObject } from '@nestjs/swagger';
import { OPENAPI_FILE, renderOpenApi } from '../../scripts/openapi-export';
import { startApiOnly, type ApiOnly } from '../support/api-app';
import { apiRoutes } from '../support/routes';
import { firstDifference } from '../support/text-diff';

const STALE = 'docs/openapi.json is stale: run `npm run openapi` and commit the result';

type Operation = { security?: Record<string, string[]>[]; tags?: string[] };

/**
 * The api serves its OpenAPI document and Swagger UI without a key; the document covers every
 * route (read from the controllers, so a new endpoint is checked the day it is added) and is the
 * committed docs/openapi.json, so that file cannot silently go stale.
 */
describe('OpenAPI document', () => {
  let api: ApiOnly;
  let doc: OpenAPIObject;

  before(async () => {
    api = await startApiOnly();
    const r = await fetch(`${api.url}/docs/openapi.json`);
    assert.equal(r.status, 200);
    doc = (await r.json()) as OpenAPIObject;
  });
  after(async () => {
    await api?.stop();
  });

  it('is served at /docs/openapi.json without a key and equals the committed docs/openapi.json', async () => {
    const diff = firstDifference(await renderOpenApi(doc), readFileSync(OPENAPI_FILE, 'utf8'));
    assert.equal(diff, null, `${STALE}\n${diff}`);
  });

  it('serves Swagger UI at /docs without a key', async () => {
    const page = await fetch(`${api.url}/docs`);
    assert.equal(page.status, 200);
    const html = await page.text();
    // Every script and stylesheet the page loads is served too (the UI would be blank otherwise).
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map(
      (m) => new URL(m[1], `${api.url}/docs`).pathname,
    );
    assert.ok(assets.includes('/docs/swagger-ui-init.js'), `assets: ${assets.join(', ')}`);
    for (const asset of assets) {
      const r = await fetch(`${api.url}${asset}`);
      assert.equal(r.status, 200, asset);
      await r.arrayBuffer();
    }
    const init = await (await fetch(`${api.url}/docs/swagger-ui-init.js`)).text();
    assert.match(init, /Switchboard API/);
  });

  it('documents every route the api serves, and only those, with the access the guard enforces', () => {
    const routes = apiRoutes(api.app);
    assert.ok(routes.length > 40, `only ${routes.length} routes found`);
    const documented = new Set<string>();
    for (const [p, item] of Object.entries(doc.paths))
      for (const m of Object.keys(item)) documented.add(`${m.toUpperCase()} ${p}`);

    const expected = {
      key: undefined,
      public: [],
      platform: [{ adminToken: [] }],
      agent: [{ agentSession: [] }],
    } as Record<string, unknown>;
    for (const r of routes) {
      // `:name` and a wildcard's `*name` (path-to-regexp 8) are both `{name}` in the document.
      const p = r.path.replace(/[:*](\w+)/g, '{$1}');
      const op = (doc.paths[p] as Record<string, Operation> | undefined)?.[r.method.toLowerCase()];
      assert.ok(op, `${r.method} ${r.path} is not in the document (${STALE})`);
      assert.deepEqual(op.security, expected[r.access], `security of ${r.method} ${r.path} (${r.access})`);
      assert.equal(op.tags?.length, 1, `${r.method} ${r.path} has one tag`);
      documented.delete(`${r.method} ${p}`);
    }
    assert.deepEqual([...documented], [], 'documented operations the api does not serve');
    const declared = new Set(doc.tags?.map((t) => t.name));
    const undeclared = new Set(
      Object.values(doc.paths).flatMap((item) =>
        Object.values(item as Record<string, Operation>).flatMap((op) => op.tags ?? []),
      ),
    );
    for (const t of declared) undeclared.delete(t);
    assert.deepEqual(
      [...undeclared],
      [],
      'tags to declare, with a description, in apps/api/src/openapi/tags.ts',
    );
    assert.deepEqual(doc.security, [{ apiKey: [] }]);
  });

  it('gives every DTO its fields (the generated metadata is loaded)', () => {
    const empty = Object.entries(doc.components?.schemas ?? {})
      .filter(([, s]) => !('properties' in s) || Object.keys(s.properties ?? {}).length === 0)
      .map(([name]) => name);
    assert.deepEqual(empty, [], `schemas without properties (${STALE})`);
  });
});
