#!/usr/bin/env bash
# Loopback load test of the planner, bounded in time, against the same service's /q/health/live in the same run. Start
# the platform first with the per-client rate limits raised (they are on by default and every wrk request comes from one
# client): ACCELEROMETER_RATE_LIMIT_WRITES_PER_MINUTE=1000000000 ACCELEROMETER_RATE_LIMIT_SEARCHES_PER_MINUTE=1000000000
# deploy/local/platform.sh start; then:
#   services/planner/bench/wrk.sh [base-url] [seconds] [connections, default 8]
# Prints requests/s and latency percentiles of GET /q/health/live, POST /v1/plans/evaluate (one plan), POST
# /v1/collectives (a 32-size all-reduce sweep on two DGX H100 nodes) and POST /v1/plans (the GPT-3 175B × 1,024 A100
# search, one connection: each search saves a row), POST /v1/serving-plans (a Llama 3.1 8B serving search on up to 16 H100s,
# 84 setups × 2,000 simulated requests, one connection), and evaluate's share of live. A Non-2xx line means a limit was hit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base="${1:-http://127.0.0.1:8083}"
seconds="${2:-20}"
connections="${3:-8}"
case "$base" in http://127.*|http://localhost*|http://\[::1\]*) ;; *) echo "loopback targets only" >&2; exit 2;; esac
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 2; }
curl -sf "$base/q/health/ready" >/dev/null || { echo "planner not ready at $base" >&2; exit 1; }

run() { # label, wrk arguments...
  local label="$1"
  shift
  echo "== $label"
  wrk --timeout 10s --latency "$@" | tee /tmp/planner-bench.$$ | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx"
  awk '/Requests\/sec/ {print $2}' /tmp/planner-bench.$$ > "/tmp/planner-bench.$$.$label"
}
echo "== warm-up (10 s, not reported)"
wrk -t2 -c"$connections" -d10s -s "$here/evaluate.lua" "$base/v1/plans/evaluate" >/dev/null
wrk -t1 -c1 -d5s -s "$here/search.lua" "$base/v1/plans" >/dev/null
run live -t2 -c"$connections" -d"${seconds}s" "$base/q/health/live"
run evaluate -t2 -c"$connections" -d"${seconds}s" -s "$here/evaluate.lua" "$base/v1/plans/evaluate"
run collectives -t2 -c"$connections" -d"${seconds}s" -s "$here/collectives.lua" "$base/v1/collectives"
run search -t1 -c1 -d"${seconds}s" -s "$here/search.lua" "$base/v1/plans"
run serving -t1 -c1 -d"${seconds}s" -s "$here/serving.lua" "$base/v1/serving-plans"
live=$(cat "/tmp/planner-bench.$$.live")
evaluate=$(cat "/tmp/planner-bench.$$.evaluate")
awk -v e="$evaluate" -v l="$live" 'BEGIN {printf "== evaluate at %.1f %% of live requests/s\n", 100 * e / l}'
rm -f /tmp/planner-bench.$$*
