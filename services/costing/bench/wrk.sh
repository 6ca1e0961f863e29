#!/usr/bin/env bash
# Loopback load test of the costing endpoints, bounded in time. Run catalog and costing first (deploy/local/platform.sh start),
# then:  services/costing/bench/wrk.sh [base-url] [seconds] [connections]; each endpoint is compared with the same
# service's /q/health/live measured in the same run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base="${1:-http://127.0.0.1:8082}"
seconds="${2:-20}"
connections="${3:-32}"
case "$base" in http://127.*|http://localhost*|http://\[::1\]*) ;; *) echo "loopback targets only" >&2; exit 2;; esac
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 2; }
curl -sf "$base/q/health/ready" >/dev/null || { echo "costing not ready at $base" >&2; exit 1; }

echo "== warm-up (10 s, not reported)"
wrk -t2 -c"$connections" -d10s -s "$here/matmul.lua" "$base/v1/costs/matmul" >/dev/null
wrk -t2 -c"$connections" -d5s -s "$here/attention.lua" "$base/v1/costs/attention" >/dev/null
rate() { awk '/Requests\/sec/ {print $2}'; }
echo "== GET /q/health/live (the same service's floor)"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency "$base/q/health/live" | tee /tmp/costing-bench.$$ \
  | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx"
live=$(rate < /tmp/costing-bench.$$)
for case in matmul attention; do
  echo "== POST /v1/costs/$case"
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency -s "$here/$case.lua" "$base/v1/costs/$case" | tee /tmp/costing-bench.$$ \
    | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx"
  awk -v r="$(rate < /tmp/costing-bench.$$)" -v l="$live" -v c="$case" 'BEGIN {printf "== %s at %.1f %% of live requests/s\n", c, 100 * r / l}'
done
rm -f /tmp/costing-bench.$$
pid=$(pgrep -f 'costing/target/quarkus-app/quarkus-run.jar' | head -n 1 || true)
[ -n "$pid" ] && echo "== memory: RSS $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$pid/status) (pid $pid)"
