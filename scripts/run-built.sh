#!/usr/bin/env bash
# Runs one of the compiled scripts (scenario runner, benchmark) after making sure dist/ is current.
set -euo pipefail
cd "$(dirname "$0")/.."
script="$1"; shift
bash scripts/ensure-built.sh >&2
exec node "dist/$script" "$@"
