import type { Bundle } from '@switchboard/bundle';
import { apiClient, expectOk, type StackEndpoints } from './stack-client';

/** The stack as one run of a scenario sees it. */
export interface ScenarioRun {
  endpoints: StackEndpoints;
  /** True when the run has an account of its own (the stack's admin token is known). */
  ownAccount: boolean;
}

/**
 * Opens the account a run plays in. Repeat callers and previous scores are counted across the
 * account, so a second run in the same account would meet the first run's callers: each run gets
 * an account of its own, named after the scenario and the instant, when the stack's admin token
 * is known. Without it the run uses the stack's key as it is, and repeats are not repeatable.
 */
export async function openRun(s: StackEndpoints, scenarioName: string): Promise<ScenarioRun> {
  if (!s.adminToken) return { endpoints: s, ownAccount: false };
  const opened = await expectOk<{ apiKey: { key: string } }>(
    "open the run's account",
    apiClient({ ...s, apiKey: s.adminToken })('POST', '/v1/accounts', {
      name: `${scenarioName.slice(0, 150)} · run ${new Date().toISOString()}`,
    }),
  );
  return { endpoints: { ...s, apiKey: opened.apiKey.key }, ownAccount: true };
}

/**
 * Gives the bundle's tracking numbers back when a run in its own account is over, so that the
 * next run's account can take them (a number belongs to one property). The run's calls keep their
 * records, property and source; only the numbers leave the property.
 */
export async function closeRun(run: ScenarioRun, propertyId: string, bundle: Bundle): Promise<void> {
  if (!run.ownAccount) return;
  const api = apiClient(run.endpoints);
  const base = `/v1/properties/${propertyId}/tracking-numbers`;
  const held = await expectOk<{ items: { id: string; number: string }[] }>('numbers', api('GET', base));
  const mine = new Set(bundle.numbers.map((n) => n.number));
  for (const n of held.items.filter((x) => mine.has(x.number)))
    await expectOk(`release ${n.number}`, api('DELETE', `${base}/${n.id}`));
}
