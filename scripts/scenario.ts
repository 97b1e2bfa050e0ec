import path from 'node:path';
import { loadScenario, runScenario, type CallResult } from '@switchboard/scenarios';
import { runningStack, startStack, type RunningStack } from './stack';

/**
 * `npm run scenario -- FILE...`: plays scenario files through the whole stack and prints one JSON
 * line per call, then `N passed, M failed`. Uses a running stack when there is one, else starts its
 * own (with the simulator's clock compressed so calls take a fraction of their scripted time).
 * Each file plays in an account of its own (docs/SCENARIOS.md, "Runs are independent").
 */
async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: npm run scenario -- FILE...');
    process.exit(2);
  }
  const scenarios = files.map((f) => loadScenario(path.resolve(f)));
  let endpoints = await runningStack();
  let own: RunningStack | null = null;
  if (!endpoints) {
    own = await startStack({
      ephemeral: true,
      log: (m) => console.error(`› ${m}`),
      simTimeScale: Number(process.env.SIM_TIME_SCALE ?? 0.1),
      childOutput: 'quiet',
    });
    endpoints = {
      apiUrl: own.apiUrl,
      simUrl: own.simUrl!,
      apiKey: own.apiKey,
      adminToken: own.adminToken,
      ...(own.adsSimUrl ? { adsSimUrl: own.adsSimUrl } : {}),
    };
  }
  const results: CallResult[] = [];
  try {
    for (const s of scenarios) {
      for (const r of await runScenario(endpoints, s)) {
        results.push(r);
        console.log(JSON.stringify(r));
      }
    }
  } finally {
    await own?.stop();
  }
  const passed = results.filter((r) => r.passed).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(passed === results.length ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
