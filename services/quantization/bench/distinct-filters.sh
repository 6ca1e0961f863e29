#!/usr/bin/env bash
# Memory under an adversary: every request a comparison with a catalog filter no one asked for before (issue 13: each
# distinct filter was cached forever, ~143 KiB each, and ~1,730 of them exhausted a 256 MB heap). Bounded in time.
# Usage: services/quantization/bench/distinct-filters.sh [base-url] [seconds] [connections]
# Start the platform first (deploy/local/platform.sh start). Prints requests and non-2xx from wrk, then the JVM's heap
# after a full GC (jcmd GC.run) and its RSS, before and after: bounded caches keep the heap after GC flat.
set -euo pipefail
base="${1:-http://127.0.0.1:8084}"
seconds="${2:-60}"
connections="${3:-4}"
case "$base" in http://127.*|http://localhost*) ;; *) echo "loopback targets only" >&2; exit 2;; esac
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 2; }
port="${base##*:}"; port="${port%%/*}"
pid=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
[ -n "$pid" ] || { echo "no process listens on port $port" >&2; exit 1; }

heap_after_gc() {
  jcmd "$pid" GC.run >/dev/null
  sleep 1
  jcmd "$pid" GC.heap_info | awk '/used/ && /total/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?$/, "", v); printf "%.0f MiB", v / 1024; exit}}'
}
rss() { awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$pid/status"; }

script=$(mktemp --suffix=.lua)
trap 'rm -f "$script"' EXIT
cat >"$script" <<'LUA'
-- POST /v1/estimates/compare with a new minMemoryBytes filter each time: a catalog list query never seen before.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
function init(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)) end
function request()
  n = n + 1
  local filter = string.format("%d", math.random(1, 2^31) * 512 + n)
  return wrk.format(nil, nil, nil, '{"base":{"modelId":"llama-2-7b","weightFormat":"nf4","contextLength":4096,' ..
    '"filter":{"minMemoryBytes":"' .. filter .. '"}},"weightFormats":["fp16","nf4"]}')
end
LUA
curl -sf "$base/q/health/ready" >/dev/null || { echo "quantization not ready at $base" >&2; exit 1; }
echo "before: heap after GC $(heap_after_gc), RSS $(rss) (pid $pid)"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$script" "$base/v1/estimates/compare" | grep -E "requests in|Requests/sec|Non-2xx|Socket"
echo "after:  heap after GC $(heap_after_gc), RSS $(rss)"
