import { applyDni, type DniTarget } from './apply-dni';
import type { Bundle } from '@switchboard/bundle';
import { apiClient, expectOk, type StackEndpoints } from './stack-client';

interface Named {
  id: string;
  name: string;
}

/**
 * Applies a bundle to the property of its name, created first when the account has none, so a
 * scenario can run again and again against one running stack. The api applies it all-or-nothing
 * (`POST /v1/properties/{id}/bundle/apply`); applying the same bundle again changes nothing.
 */
export async function applyBundle(
  s: StackEndpoints,
  b: Bundle,
): Promise<{ propertyId: string; dni: DniTarget | null }> {
  for (const a of b.audio ?? [])
    if (a.file !== undefined)
      throw new Error(`bundle audio "${a.id}" names file ${a.file}: load the bundle with loadScenario`);
  const api = apiClient(s);
  const name = b.property.name;
  const found = await expectOk<{ items: Named[] }>(
    'find property',
    api('GET', `/v1/properties?q=${encodeURIComponent(name)}&limit=500`),
  );
  const property =
    found.items.find((p) => p.name === name) ??
    (await expectOk<Named>(
      'create property',
      api('POST', '/v1/properties', { name, timeZone: b.property.time_zone }),
    ));
  const { dni, pools, ...serverBundle } = b;
  await expectOk('apply bundle', api('POST', `/v1/properties/${property.id}/bundle/apply`, serverBundle));
  return { propertyId: property.id, dni: dni || pools ? await applyDni(s, property.id, b) : null };
}
