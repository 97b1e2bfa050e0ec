#!/usr/bin/env bash
# Installs npm dependencies when missing or out of date, then compiles to dist/. Shared by the
# README's two commands, so a fresh clone needs nothing but Node 24 or 22 (and Go, or a `temporal` CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` honours package-lock.json; `npm ci` is not used because npm 11 refuses this lock
  # (it omits @swc/core's other-platform optional packages, which npm ci then reports as missing).
  echo "› installing npm dependencies"
  npm install --no-audit --no-fund --loglevel=error
fi
echo "› compiling TypeScript"
npm run --silent build
