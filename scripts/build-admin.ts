import path from 'node:path';

/**
 * Builds the admin console (apps/admin: React, bundled by Vite) into dist/admin, which the api
 * serves at /admin. Run by `npm run build` after tsc has type-checked it. Everything the page
 * loads is in that folder: no CDN, so the console works offline.
 */
export const ADMIN_ROOT = path.join(__dirname, '..', '..', 'apps', 'admin');
export const ADMIN_OUT = path.join(__dirname, '..', '..', 'dist', 'admin');
const DOMAIN_SRC = path.join(__dirname, '..', '..', 'libs', 'domain', 'src');

async function main(): Promise<void> {
  // Vite and its React plugin are ES modules; Node 20.19+ and 22+ load them with require().
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    root: ADMIN_ROOT,
    base: '/admin/',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    // The flow editor validates and dry-runs with the same pure rules as the api.
    resolve: { alias: { '@switchboard/domain': DOMAIN_SRC } },
    build: {
      outDir: ADMIN_OUT,
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1024,
    },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
