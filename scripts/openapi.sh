#!/usr/bin/env bash
# `npm run openapi`: regenerates apps/api/src/openapi/metadata.ts from the DTOs and controllers,
# recompiles with it, then exports docs/openapi.json. Needs no database or Temporal. Run it after
# changing an endpoint or a DTO, and commit both files (the openapi tests fail until then).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-built.sh
node dist/scripts/openapi-metadata.js
npm run --silent build
node dist/scripts/openapi-export.js
# The admin console's typed client (apps/admin/src/api/client.ts) is typed by this file.
node dist/scripts/openapi-client.js
