#!/usr/bin/env bash
# Debian programs some tests drive, installed from Debian's packages when missing and we may (root
# with apt-get), never downloaded at run time; otherwise say how:
#   chromium        the DNI script's and the agent page's browser tests
#   docker-compose  checks docker/compose.yaml (`config`: no container engine is needed)
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "› installing Debian's ${missing[*]} for the tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >&2
else
  echo "› ${missing[*]} missing: install with sudo apt-get install ${missing[*]}; the tests that need them will fail without" >&2
fi
