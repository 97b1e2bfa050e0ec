#!/usr/bin/env bash
# The DNI script's browser tests drive Debian's Chromium (never a browser downloaded at run time).
# Installed from Debian's packages when missing and we may (root with apt-get); otherwise say how.
set -euo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "› installing Debian's chromium for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) >&2
else
  echo "› chromium is missing: install it (sudo apt-get install chromium); the browser tests will fail without it" >&2
fi
