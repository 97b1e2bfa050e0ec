import path from 'node:path';
import { DefaultLogger, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

/**
 * The workflow entry next to this file's build output (dist/workflows/src/index.js), or the TS source
 * when run from source. tsc-alias rewrites our `@switchboard/*` imports in dist to relative paths; the
 * alias hook below makes the same aliases resolve when bundling straight from TypeScript.
 */
export function workflowsEntry(): string {
  return require.resolve(path.join(__dirname, '..', '..', '..', 'workflows', 'src'));
}

const ALIASES: Record<string, string> = {
  '@switchboard/domain': 'libs/domain/src',
  '@switchboard/contracts': 'libs/contracts/src',
};

export async function bundleCallWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  const root = path.join(__dirname, '..', '..', '..');
  return bundleWorkflowCode({
    workflowsPath: workflowsEntry(),
    // webpack's module statistics are noise at every worker start; warnings and errors still show.
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = {
        ...(config.resolve.alias as Record<string, string> | undefined),
        ...Object.fromEntries(Object.entries(ALIASES).map(([k, v]) => [k, path.join(root, v)])),
      };
      return config;
    },
  });
}
