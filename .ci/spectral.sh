#!/usr/bin/env bash
# Lints every OpenAPI document under openapi/ with Spectral: spectral:oas plus the project rules of .spectral.yaml.
# First proves each project rule still fails on a spec that breaks it (.ci/spectral/selftest.js), then lints the specs;
# exits non-zero on any error and ends with a one-line summary.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=.ci/spectral
spectral="$tools/node_modules/.bin/spectral"
if [ ! -x "$spectral" ] || ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed" 2>/dev/null; then
  # Pinned by package-lock.json; install scripts are not needed (the only one is a telemetry ping).
  (cd "$tools" && SCARF_ANALYTICS=false npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed"
fi

node "$tools/selftest.js"

shopt -s nullglob
specs=(openapi/*.yaml)
[ ${#specs[@]} -gt 0 ] || { echo "spectral: no openapi/*.yaml to lint" >&2; exit 1; }

report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
"$spectral" lint "${specs[@]}" --ruleset .spectral.yaml --fail-severity=error \
  --format stylish --format json --output.json "$report" || status=$?
node -e '
  const results = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8") || "[]");
  const count = (s) => results.filter((r) => r.severity === s).length;
  console.log(`spectral: ${count(0)} errors, ${count(1)} warnings in ${process.argv.length - 2} specs (${process.argv.slice(2).join(" ")})`);
' "$report" "${specs[@]}"
exit $status
