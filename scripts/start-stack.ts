import { startStack } from './stack';

/** `npm start`: everything up, where each part listens, Ctrl-C stops all. */
async function main(): Promise<void> {
  const log = (m: string) => console.log(`› ${m}`);
  const stack = await startStack({ ephemeral: false, log, childOutput: 'inherit' });
  console.log(`
Switchboard is running
  api              ${stack.apiUrl}   (REST under /v1, health at /health)
  api key          ${stack.apiKey}   (Dev account; saved in .data/dev-api-key)
  telnyx webhooks  ${stack.apiUrl}/webhooks/telnyx
  telnyx           ${stack.simUrl ? `${stack.simUrl} (simulator; control API under /sim)` : 'real Telnyx (TELNYX_API_KEY)'}
  email webhook    ${stack.apiUrl}/webhooks/email   (secret in .data/email-webhook-secret unless EMAIL_WEBHOOK_SECRET is set)
  forwarded email  ${stack.smtpUrl}${stack.sim?.smtpUrl ? `   (mail sink: read it at ${stack.simUrl}/sim/mail)` : ''}
  temporal         ${stack.temporalAddress}
  temporal web ui  ${stack.temporalUiUrl ?? '(external cluster)'}
  postgres         ${new URL(stack.databaseUrl).host}
Press Ctrl-C to stop.`);
  // Ctrl-C, a kill or a crash stops every part: startStack set that up before it started anything.
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
