#!/usr/bin/env bash
# `npm test`: every test tier against real PostgreSQL and a real Temporal dev server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-built.sh
bash scripts/ensure-test-tools.sh
exec node dist/scripts/run-tests.js "$@"
