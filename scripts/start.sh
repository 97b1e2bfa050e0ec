#!/usr/bin/env bash
# `npm start`: the whole system on local defaults (README; its options: docs/operations.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-built.sh
exec node dist/scripts/start-stack.js "$@"
