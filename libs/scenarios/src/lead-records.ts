import type { ConversionNames } from './apply-conversions';
import type { ObservedConversion } from './expectations';
import { apiClient, expectOk, type StackEndpoints } from './stack-client';

/** One contact of a lead's journey as the api answers it (GET /v1/calls/{id}, GET /v1/forms/{id}). */
export interface JourneyEntry {
  kind: 'form' | 'call';
  id: string;
}

/**
 * The scenario's names of the forms and calls a run made (`form: <entry name>`, `call: <entry
 * name>`), by their ids, so a journey reads in the file's own words.
 */
export type LeadLabels = Map<string, string>;

/** A journey in the scenario's words; a contact the run did not make shows as `<kind>: <id>`. */
export function journeyLabels(journey: readonly JourneyEntry[], labels: LeadLabels): string[] {
  return journey.map((e) => labels.get(e.id) ?? `${e.kind}: ${e.id}`);
}

interface ConversionLogItem {
  ruleId: string | null;
  name: string;
  leadKind: 'call' | 'form';
  leadId: string;
  deliveries: { destinationId: string; platform: string; status: string; lastErrorCode: string | null }[];
}

/** Time given to a lead's deliveries to leave `pending`: the fakes answer at once, retries take longer. */
const SETTLE_MS = 30_000;

/**
 * The deliveries of the conversions a lead earned, read from the property's delivery log once none
 * is pending any more (or, after `settleMs`, as they are: an expectation of a final status then
 * fails showing `pending`). Rules and destinations are named as the scenario names them.
 */
export async function leadConversions(
  s: StackEndpoints,
  propertyId: string,
  lead: { kind: 'call' | 'form'; id: string },
  names: ConversionNames,
  settleMs = SETTLE_MS,
): Promise<ObservedConversion[]> {
  const api = apiClient(s);
  const deadline = Date.now() + settleMs;
  for (;;) {
    const page = await expectOk<{ items: ConversionLogItem[] }>(
      'conversions',
      api('GET', `/v1/properties/${propertyId}/conversions?limit=500`),
    );
    const mine = page.items.filter((c) => c.leadKind === lead.kind && c.leadId === lead.id);
    const seen = mine.flatMap((c) =>
      c.deliveries.map((d) => ({
        rule: (c.ruleId && names.rules.get(c.ruleId)) || c.name,
        destination: names.destinations.get(d.destinationId) ?? d.platform,
        status: d.status,
        code: d.lastErrorCode,
      })),
    );
    if (!seen.some((d) => d.status === 'pending') || Date.now() > deadline) return seen;
    await new Promise((r) => setTimeout(r, 200));
  }
}
