import { announceNodeVersion } from '@switchboard/devstack';
import { startStack } from './stack';

const STORES = ['dev', 'postgres'] as const;

/** `--temporal dev|postgres` (or `--temporal=…`): where the local Temporal keeps its history. */
function temporalStoreOf(argv: string[]): (typeof STORES)[number] {
  const i = argv.findIndex((a) => a === '--temporal' || a.startsWith('--temporal='));
  if (i < 0) return 'dev';
  const value = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  const store = STORES.find((s) => s === value);
  if (!store) throw new Error(`--temporal takes ${STORES.join(' or ')}, got ${value ?? 'nothing'}`);
  return store;
}

/** `npm start`: everything up, where each part listens, Ctrl-C stops all. */
async function main(): Promise<void> {
  const log = (m: string) => console.log(`› ${m}`);
  // The api and the worker run on this same Node (process.execPath).
  announceNodeVersion(log);
  const temporalStore = temporalStoreOf(process.argv.slice(2));
  const stack = await startStack({ ephemeral: false, log, childOutput: 'inherit', temporalStore });
  console.log(`
Switchboard is running
  api              ${stack.apiUrl}   (REST under /v1, health at /health)
  api key          ${stack.apiKey}   (Dev account; saved in .data/dev-api-key)
  telnyx webhooks  ${stack.apiUrl}/webhooks/telnyx
  telnyx           ${stack.simUrl ? `${stack.simUrl} (simulator; control API under /sim)` : 'real Telnyx (TELNYX_API_KEY)'}
  email webhook    ${stack.apiUrl}/webhooks/email   (secret in .data/email-webhook-secret unless EMAIL_WEBHOOK_SECRET is set)
  forwarded email  ${stack.smtpUrl}${stack.sim?.smtpUrl ? `   (mail sink: read it at ${stack.simUrl}/sim/mail)` : ''}
  temporal         ${stack.temporalAddress}   (${process.env.TEMPORAL_ADDRESS ? 'TEMPORAL_ADDRESS' : temporalStore === 'postgres' ? 'temporal-server, history in PostgreSQL' : 'dev server, history in .data/temporal.sqlite'})
  temporal web ui  ${stack.temporalUiUrl ?? '(external cluster)'}
  postgres         ${new URL(stack.databaseUrl).host}
Press Ctrl-C to stop.`);
  // Ctrl-C, a kill or a crash stops every part: startStack set that up before it started anything.
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
