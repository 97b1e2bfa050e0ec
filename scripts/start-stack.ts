import { announceNodeVersion } from '@switchboard/devstack';
import { startStack } from './stack';

const STORES = ['dev', 'postgres'] as const;

/** A mistyped flag: said in one line, without a stack trace. */
class UsageError extends Error {}

/** The value of `--name value` or `--name=value`, if given. */
function flag(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : (argv[i + 1] ?? '');
}

/** `--temporal dev|postgres`: where the local Temporal keeps its history. */
function temporalStoreOf(argv: string[]): (typeof STORES)[number] {
  const value = flag(argv, 'temporal');
  if (value === undefined) return 'dev';
  const store = STORES.find((s) => s === value);
  if (!store) throw new UsageError(`--temporal takes ${STORES.join(' or ')}, got ${value || 'nothing'}`);
  return store;
}

/** `--apis N` / `--workers N`: how many processes of each kind (1 to 16, default 1). */
function countOf(argv: string[], name: 'apis' | 'workers'): number {
  const value = flag(argv, name);
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new UsageError(`--${name} takes a whole number from 1 to 16, got ${value || 'nothing'}`);
  return n;
}

/** `npm start`: everything up, where each part listens, Ctrl-C stops all. */
async function main(): Promise<void> {
  const log = (m: string) => console.log(`› ${m}`);
  const argv = process.argv.slice(2);
  const known = /^--(temporal|apis|workers)(=|$)/;
  const unknown = argv.find((a, i) => a.startsWith('-') && !known.test(a) && !known.test(argv[i - 1] ?? ''));
  if (unknown)
    throw new UsageError(
      `unknown option ${unknown}: npm start takes --temporal dev|postgres, --apis N, --workers N`,
    );
  const temporalStore = temporalStoreOf(argv);
  const apis = countOf(argv, 'apis');
  const workers = countOf(argv, 'workers');
  // The api and the worker run on this same Node (process.execPath).
  announceNodeVersion(log);
  const stack = await startStack({
    ephemeral: false,
    log,
    childOutput: 'inherit',
    temporalStore,
    apis,
    workers,
  });
  const processes =
    apis > 1 ? `${apis} processes (${stack.apiUrls.join(', ')}) behind this entry point` : 'one process';
  console.log(`
Switchboard is running
  api              ${stack.apiUrl}   (REST under /v1, health at /health; ${processes})
  workers          ${workers}
  api key          ${stack.apiKey}   (Dev account; saved in .data/dev-api-key)
  admin console    ${stack.apiUrl}/admin   (sign in with the api key)
  telnyx webhooks  ${stack.apiUrl}/webhooks/telnyx
  telnyx           ${stack.simUrl ? `${stack.simUrl} (simulator; control API under /sim)` : 'real Telnyx (TELNYX_API_KEY)'}
  email webhook    ${stack.apiUrl}/webhooks/email   (secret in .data/email-webhook-secret unless EMAIL_WEBHOOK_SECRET is set)
  forwarded email  ${stack.smtpUrl}${stack.sim?.smtpUrl ? `   (mail sink: read it at ${stack.simUrl}/sim/mail)` : ''}
  ad platforms     ${stack.adsSimUrl ? `${stack.adsSimUrl} (fake Google Ads, GA4, Meta; conversions at /sim/received)` : 'the real ones (GOOGLE_ADS_API_URL, GA4_MP_URL, META_GRAPH_URL)'}
  temporal         ${stack.temporalAddress}   (${process.env.TEMPORAL_ADDRESS ? 'TEMPORAL_ADDRESS' : temporalStore === 'postgres' ? 'temporal-server, history in PostgreSQL' : 'dev server, history in .data/temporal.sqlite'})
  temporal web ui  ${stack.temporalUiUrl ?? '(external cluster)'}
  postgres         ${new URL(stack.databaseUrl).host}
Press Ctrl-C to stop.`);
  // Ctrl-C, a kill or a crash stops every part: startStack set that up before it started anything.
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? `npm start: ${err.message}` : err);
  process.exit(err instanceof UsageError ? 2 : 1);
});
