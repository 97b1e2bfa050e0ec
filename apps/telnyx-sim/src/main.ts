import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startTelnyxSimulator, type TelnyxSimulator } from './simulator';

/**
 * Standalone simulator process. Prints one JSON line with its URLs and public key once listening, so a
 * parent process (scenario runner, benchmark, dev script) can wire TELNYX_BASE_URL / TELNYX_PUBLIC_KEY.
 */

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${raw}"`);
  return n;
}

/** A configured but missing key file is created, so restarts keep the key the app was given. */
function loadPrivateKey(file: string | undefined): KeyObject {
  if (file && existsSync(file)) return createPrivateKey(readFileSync(file));
  const { privateKey } = generateKeyPairSync('ed25519');
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return privateKey;
}

async function main(): Promise<void> {
  // Handlers go in before the ready line: a parent may signal as soon as it reads it.
  let closing = false;
  const running: { sim?: TelnyxSimulator } = {};
  const shutdown = () => {
    if (closing) return;
    closing = true;
    (running.sim ? running.sim.close() : Promise.resolve()).then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`telnyx-sim: close failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const sim = await startTelnyxSimulator({
    port: envNumber('SIM_PORT', 8790),
    host: process.env.SIM_HOST || '127.0.0.1',
    apiKey: process.env.TELNYX_API_KEY || 'sim-key',
    webhookUrl: process.env.SIM_WEBHOOK_URL || 'http://127.0.0.1:3000/webhooks/telnyx',
    failoverWebhookUrl: process.env.SIM_FAILOVER_WEBHOOK_URL || undefined,
    timeScale: envNumber('SIM_TIME_SCALE', 1),
    privateKey: loadPrivateKey(process.env.SIM_PRIVATE_KEY_FILE || undefined),
    connectionId: process.env.TELNYX_CONNECTION_ID || undefined,
    numberOrderDelayMs: envNumber('SIM_NUMBER_ORDER_DELAY_MS', 0),
    mailSinkPort: process.env.SIM_MAIL_PORT ? envNumber('SIM_MAIL_PORT', 0) : undefined,
  });
  running.sim = sim;
  if (closing) {
    await sim.close();
    return;
  }
  const ready = {
    url: sim.url,
    apiBaseUrl: sim.apiBaseUrl,
    publicKey: sim.publicKeyBase64,
    connectionId: sim.connectionId,
    smtpUrl: sim.smtpUrl,
  };
  process.stdout.write(`${JSON.stringify({ telnyxSim: ready })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`telnyx-sim: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
