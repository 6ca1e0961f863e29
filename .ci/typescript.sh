#!/usr/bin/env bash
# TypeScript gate: generates types from every openapi/*.yaml with openapi-typescript and type-checks a small typed
# client against them with tsc --strict (.ci/typescript/client.ts). Fails when a spec loses what the client uses — a
# schema, a required field, an enumerated value (the client asserts with @ts-expect-error that values outside the enums
# do not compile). Both tools are pinned by .ci/typescript/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=.ci/typescript
if [ ! -x "$tools/node_modules/.bin/tsc" ] || ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed" 2>/dev/null; then
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed"
fi
rm -rf "$tools/generated"
mkdir -p "$tools/generated"
for spec in openapi/*.yaml; do
  name=$(basename "$spec" .yaml)
  # Defaults are not made required: a request may leave a defaulted field out.
  "$tools/node_modules/.bin/openapi-typescript" "$spec" -o "$tools/generated/$name.ts" --default-non-nullable false --silent
done
"$tools/node_modules/.bin/tsc" -p "$tools/tsconfig.json"
echo "typescript: $(ls "$tools/generated" | wc -l) specs generated, client.ts type-checks under --strict"
