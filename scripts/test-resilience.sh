#!/usr/bin/env bash
# `npm run test:resilience`: the fault-injection scenarios of test/resilience (worker and api killed,
# Temporal restarted, PostgreSQL cut off, carrier faults; two api and two worker processes on
# temporal-server on PostgreSQL killed, restarted one by one, Temporal restarted), each with 100+
# calls in flight. Heavier than `npm test`, so kept apart; CI runs both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-built.sh
exec node dist/scripts/run-tests.js --resilience "$@"
