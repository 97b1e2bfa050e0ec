#!/usr/bin/env bash
# `npm run schemas`: rewrites the TypeScript types generated from the JSON Schemas the libraries ship
# (libs/bundle, libs/scenarios) and their copies in docs/schemas/. Run it after changing a schema and
# commit the results (test/schemas fails until then). Only the generator is compiled: the rest of
# the code may not compile until its types are regenerated.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc scripts/schema-types.ts --outDir dist/scripts --rootDir scripts --module commonjs --target ES2022 \
  --esModuleInterop --strict --skipLibCheck --types node
node dist/scripts/schema-types.js
