import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALL_CALL_SEARCH_ATTRIBUTES } from '@switchboard/contracts';
import type { RunningDevServer } from './temporal-dev-server';

/**
 * Last resort when no Temporal CLI can be found or built (no Go): the TypeScript SDK downloads the
 * CLI itself. Needs internet access to temporal.download, so it fails on offline machines, where
 * the Go build is the way.
 */
export async function startSdkDownloadedDevServer(o: {
  port?: number;
  uiPort?: number;
  dbFile?: string;
}): Promise<Omit<RunningDevServer, 'process'>> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      port: o.port,
      ui: o.uiPort !== undefined,
      uiPort: o.uiPort,
      dbFilename: o.dbFile,
      searchAttributes: ALL_CALL_SEARCH_ATTRIBUTES,
      extraArgs: ['--dynamic-config-value', 'system.forceSearchAttributesCacheRefreshOnRead=false'],
    },
  });
  return {
    address: env.address,
    uiUrl: o.uiPort ? `http://127.0.0.1:${o.uiPort}` : null,
    stop: () => env.teardown(),
  };
}
