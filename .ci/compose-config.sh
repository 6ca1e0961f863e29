#!/usr/bin/env bash
# Validates docker-compose.yml (or the Compose file given as $1) with `docker compose config -q`.
# Uses the machine's Compose v2 plugin when `docker compose` works; otherwise Debian's docker-compose package
# (Compose v2 as a Docker CLI plugin), downloaded once, checksum-verified and kept in target/tools/.
# Any error, and any warning Compose prints (an unset variable, an obsolete attribute), fails the check.
# Quiet on success apart from one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

file="${1:-docker-compose.yml}"
[ -f "$file" ] || { echo "compose-config: no such file: $file" >&2; exit 1; }

version=2.26.1-4
sha256=47681197cb2b1ab88206b42a1a92fc75f50d9530a6322d03494a473eed0408ea
url="http://deb.debian.org/debian/pool/main/d/docker-compose/docker-compose_${version}_amd64.deb"
tools="$PWD/target/tools/docker-compose-$version" # DOCKER_CONFIG-style folder: cli-plugins/docker-compose

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

install_compose() {
  [ "$(uname -m)" = x86_64 ] || { echo "compose-config: no docker compose here and no pinned package for $(uname -m)" >&2; exit 1; }
  curl -fsSL --retry 3 -o "$tmp/compose.deb" "$url"
  echo "$sha256  $tmp/compose.deb" | sha256sum -c --quiet - >&2 || { echo "compose-config: checksum mismatch for $url" >&2; exit 1; }
  dpkg-deb -x "$tmp/compose.deb" "$tmp/root"
  mkdir -p "$tools/cli-plugins"
  install -m 0755 "$tmp/root/usr/libexec/docker/cli-plugins/docker-compose" "$tools/cli-plugins/docker-compose.new"
  mv "$tools/cli-plugins/docker-compose.new" "$tools/cli-plugins/docker-compose"
}

if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  [ -x "$tools/cli-plugins/docker-compose" ] || install_compose
  if command -v docker >/dev/null 2>&1; then
    compose=(env DOCKER_CONFIG="$tools" docker compose)
  else
    compose=("$tools/cli-plugins/docker-compose") # the plugin also runs on its own, as docker-compose
  fi
fi

errors="$tmp/errors"
if ! "${compose[@]}" -f "$file" config -q 2>"$errors" || [ -s "$errors" ]; then
  cat "$errors" >&2
  echo "compose-config: $file is not valid" >&2
  exit 1
fi
echo "compose-config: $file is valid ($("${compose[@]}" version --short 2>/dev/null || echo compose))"
