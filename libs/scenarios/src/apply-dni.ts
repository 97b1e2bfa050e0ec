import type { Bundle } from '@switchboard/bundle';
import { apiClient, expectOk, type StackEndpoints } from './stack-client';

/** What the runner needs to act as a website visitor of the property. */
export interface DniTarget {
  dniKey: string;
  origin: string;
}

/**
 * Applies a bundle's `dni` and `pools` through the admin API (the server's bundle apply does not
 * take them yet): settings first, then each pool created or, when its source has one, updated.
 */
export async function applyDni(s: StackEndpoints, propertyId: string, b: Bundle): Promise<DniTarget | null> {
  if (!b.dni && !b.pools?.length) return null;
  const api = apiClient(s);
  const base = `/v1/properties/${propertyId}`;
  const settings = await expectOk<{ dniKey: string; allowedOrigins: string[] }>(
    'DNI settings',
    api('PATCH', `${base}/dni`, {
      ...(b.dni?.allowed_origins ? { allowedOrigins: b.dni.allowed_origins } : {}),
      ...(b.dni?.swap_numbers ? { swapNumbers: b.dni.swap_numbers } : {}),
      ...(b.dni?.session_grace_minutes ? { sessionGraceMinutes: b.dni.session_grace_minutes } : {}),
      ...(b.dni?.lookback_minutes !== undefined ? { lookbackMinutes: b.dni.lookback_minutes } : {}),
      ...(b.dni?.attribution_model ? { attributionModel: b.dni.attribution_model } : {}),
      ...(b.dni?.form_tracking
        ? {
            formTracking: {
              enabled: b.dni.form_tracking.enabled,
              ...(b.dni.form_tracking.field_map ? { fieldMap: b.dni.form_tracking.field_map } : {}),
            },
          }
        : {}),
    }),
  );
  const sources = (
    await expectOk<{ items: { id: string; name: string }[] }>('sources', api('GET', `${base}/sources`))
  ).items;
  const numbers = (
    await expectOk<{ items: { id: string; number: string }[] }>(
      'numbers',
      api('GET', `${base}/tracking-numbers`),
    )
  ).items;
  const pools = (
    await expectOk<{ items: { id: string; sourceId: string }[] }>('pools', api('GET', `${base}/pools`))
  ).items;
  const numberId = (n: string) => {
    const found = numbers.find((x) => x.number === n);
    if (!found) throw new Error(`pool number ${n} is not one of the bundle's numbers`);
    return found.id;
  };
  for (const p of b.pools ?? []) {
    const source = sources.find((x) => x.name === p.source);
    if (!source) throw new Error(`pool source "${p.source}" is not one of the bundle's sources`);
    const body = {
      trackingNumberIds: p.numbers.map(numberId),
      exhaustionPolicy: p.exhaustion_policy,
      overflowTrackingNumberId: p.overflow_number ? numberId(p.overflow_number) : null,
    };
    const existing = pools.find((x) => x.sourceId === source.id);
    await expectOk(
      'pool',
      existing
        ? api('PATCH', `${base}/pools/${existing.id}`, body)
        : api('POST', `${base}/pools`, { sourceId: source.id, ...body }),
    );
  }
  const origin = settings.allowedOrigins[0];
  return origin ? { dniKey: settings.dniKey, origin } : null;
}
