#!/usr/bin/env bash
# Validates every manifest under deploy/kubernetes (or the folder given as $1) against the Kubernetes API schemas:
# .ci/kubernetes/check.cjs with the kubernetes-models validators, installed by `npm ci` from the committed
# package-lock.json into .ci/kubernetes/node_modules (gitignored; reinstalled only when the lock changes).
# Quiet on success apart from one summary line; lists every problem and exits 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

folder="${1:-deploy/kubernetes}"
tool=.ci/kubernetes
for command in node npm; do
  command -v "$command" >/dev/null || { echo "check-kubernetes: $command is needed (Node.js 18 or later)" >&2; exit 1; }
done

stamp="$tool/node_modules/.installed-from"
wanted=$(cat "$tool/package.json" "$tool/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  if ! (cd "$tool" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
    cat "$log" >&2
    echo "check-kubernetes: npm ci failed in $tool" >&2
    exit 1
  fi
  echo "$wanted" >"$stamp"
fi

node "$tool/check.cjs" "$folder"
