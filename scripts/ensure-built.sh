#!/usr/bin/env bash
# Installs npm dependencies when missing or out of date, then compiles to dist/ unless nothing has
# changed since the last build. Shared by the README's two commands and the compiled scripts
# (scenario runner, benchmarks), so a fresh clone needs nothing but Node 24 or 22 (and Go, or a `temporal` CLI),
# and a second run with nothing changed starts within a second.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` honours package-lock.json; `npm ci` is not used because npm 11 refuses this lock
  # (it omits @swc/core's other-platform optional packages, which npm ci then reports as missing).
  echo "› installing npm dependencies"
  npm install --no-audit --no-fund --loglevel=error
fi
# The stamp is written after a build that succeeded; any source, config or lock file newer than it
# (an edit, a checkout, a pull) means build again. Deleted files are caught too: a checkout that
# removes one also touches its folder.
# `--check` only says whether a build is due (exit 1 when it is); BUILD_STAMP names another stamp (tests).
stamp=${BUILD_STAMP:-dist/.built}
check=${1:-}
if [ -f "$stamp" ] && [ -z "$(find apps libs workflows activities scripts test \
    -newer "$stamp" -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ] \
  && [ -z "$(find . -maxdepth 1 \( -name 'package*.json' -o -name 'tsconfig*.json' \) -newer "$stamp" -print -quit)" ]; then
  [ "$check" = --check ] && echo "up to date"
  exit 0
fi
if [ "$check" = --check ]; then echo "build due"; exit 1; fi
echo "› compiling TypeScript"
rm -f "$stamp"
npm run --silent build
touch "$stamp"
