import type { ScenarioConversions } from './scenario.types';
import { apiClient, expectOk, type StackEndpoints } from './stack-client';

/** The scenario's names of the destinations and rules it set up, by their ids in the api. */
export interface ConversionNames {
  destinations: Map<string, string>;
  rules: Map<string, string>;
}

export const NO_CONVERSIONS: ConversionNames = { destinations: new Map(), rules: new Map() };

/**
 * What the schema cannot say of a scenario's `conversions`: expectations name rules and
 * destinations by name, so each name is one of them, and a rule's destinations are the scenario's.
 */
export function conversionSetupIssues(c: ScenarioConversions | undefined): string[] {
  const issues: string[] = [];
  const twice = (what: string, names: string[]) => {
    const seen = new Set<string>();
    for (const [i, n] of names.entries()) {
      if (seen.has(n)) issues.push(`conversions.${what}[${i}].name "${n}" is used twice`);
      seen.add(n);
    }
  };
  const destinations = (c?.destinations ?? []).map((d) => d.name);
  twice('destinations', destinations);
  twice(
    'rules',
    (c?.rules ?? []).map((r) => r.name),
  );
  for (const [i, r] of (c?.rules ?? []).entries())
    for (const [j, d] of r.destinations.entries())
      if (!destinations.includes(d))
        issues.push(
          `conversions.rules[${i}].destinations[${j}] "${d}" is not one of conversions.destinations`,
        );
  return issues;
}

interface Named {
  id: string;
  name: string;
}

/**
 * Sets up the scenario's conversion destinations and rules on the property through the admin API,
 * after the bundle: each is updated when the property already has one of its name (a run without an
 * account of its own meets the last run's), else created. Answers their names by id.
 */
export async function applyConversions(
  s: StackEndpoints,
  propertyId: string,
  c: ScenarioConversions | undefined,
): Promise<ConversionNames> {
  if (!c) return NO_CONVERSIONS;
  const issues = conversionSetupIssues(c);
  if (issues.length) throw new Error(issues.join('; '));
  const api = apiClient(s);
  const base = `/v1/properties/${propertyId}`;
  const names: ConversionNames = { destinations: new Map(), rules: new Map() };
  const destinationId = new Map<string, string>();
  const heldDestinations = (
    await expectOk<{ items: Named[] }>(
      'conversion destinations',
      api('GET', `${base}/conversion-destinations`),
    )
  ).items;
  for (const d of c.destinations ?? []) {
    const held = heldDestinations.find((x) => x.name === d.name);
    const body = {
      name: d.name,
      config: d.config,
      ...(d.enabled !== undefined ? { enabled: d.enabled } : {}),
    };
    const saved = await expectOk<Named>(
      `conversion destination "${d.name}"`,
      held
        ? api('PATCH', `${base}/conversion-destinations/${held.id}`, body)
        : api('POST', `${base}/conversion-destinations`, { platform: d.platform, ...body }),
    );
    destinationId.set(d.name, saved.id);
    names.destinations.set(saved.id, d.name);
  }
  const heldRules = (
    await expectOk<{ items: Named[] }>('conversion rules', api('GET', `${base}/conversion-rules`))
  ).items;
  for (const r of c.rules ?? []) {
    const held = heldRules.find((x) => x.name === r.name);
    const body = {
      name: r.name,
      value: r.value ?? null,
      currency: r.currency,
      when: r.when,
      destinationIds: r.destinations.map((d) => destinationId.get(d)),
      ...(r.enabled !== undefined ? { enabled: r.enabled } : {}),
    };
    const saved = await expectOk<Named>(
      `conversion rule "${r.name}"`,
      held
        ? api('PATCH', `${base}/conversion-rules/${held.id}`, body)
        : api('POST', `${base}/conversion-rules`, body),
    );
    names.rules.set(saved.id, r.name);
  }
  return names;
}
