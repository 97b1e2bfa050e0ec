import path from 'node:path';

/** The checkout's root, from this file compiled to dist/test/support/. */
export const REPO_ROOT = path.join(__dirname, '..', '..', '..');
