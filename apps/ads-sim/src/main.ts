import { startAdsSimulator } from './simulator';

/**
 * Standalone ad platforms simulator. Prints one JSON line with its URL once listening, so a parent
 * process can point GOOGLE_ADS_API_URL, GA4_MP_URL and META_GRAPH_URL at it.
 */
async function main(): Promise<void> {
  const raw = process.env.ADS_SIM_PORT;
  const port = raw ? Number(raw) : 8791;
  if (!Number.isInteger(port) || port < 0) throw new Error(`ADS_SIM_PORT must be a port, got "${raw}"`);
  const sim = await startAdsSimulator({ port, host: process.env.ADS_SIM_HOST || '127.0.0.1' });
  const shutdown = () => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.stdout.write(`${JSON.stringify({ adsSim: { url: sim.url } })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`ads-sim: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
