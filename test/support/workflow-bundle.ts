import { bundleCallWorkflows } from '@switchboard/temporal';

let bundle: ReturnType<typeof bundleCallWorkflows> | undefined;
/** Bundling takes about a second: once per test process. */
export function sharedBundle(): ReturnType<typeof bundleCallWorkflows> {
  bundle ??= bundleCallWorkflows();
  return bundle;
}
