#!/usr/bin/env bash
# Loopback load test of the catalog's read paths, bounded in time. Starts nothing: run the catalog first
# (deploy/local/run-catalog.sh), then:  services/catalog/bench/wrk.sh [base-url] [seconds] [connections]
# Prints wrk's latency distribution for a get-by-id, a filtered+sorted list, and the side-by-side comparison,
# then the service's resident memory (RSS) and JVM heap from /q/metrics.
set -euo pipefail
base="${1:-http://127.0.0.1:8081}"
seconds="${2:-20}"
connections="${3:-16}"
case "$base" in http://127.*|http://localhost*|http://\[::1\]*) ;; *) echo "loopback targets only" >&2; exit 2;; esac
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 2; }

run() {
  echo "== $1"
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency "$base$2" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx"
}
curl -sf "$base/q/health/ready" >/dev/null || { echo "catalog not ready at $base" >&2; exit 1; }
echo "== warm-up (5 s, not reported)"
wrk -t2 -c"$connections" -d5s "$base/v1/accelerators?kind=gpu&sort=-peakBf16FlopsPerSecond" >/dev/null
wrk -t2 -c"$connections" -d5s "$base/v1/accelerators/nvidia-h100-sxm" >/dev/null
run "GET one accelerator" "/v1/accelerators/nvidia-h100-sxm"
run "GET list: kind=gpu, sorted by bf16 peak, 50 per page" "/v1/accelerators?kind=gpu&sort=-peakBf16FlopsPerSecond&pageSize=50"
run "GET list: format=fp8, min memory 80 GiB" "/v1/accelerators?format=fp8&minMemoryBytes=85899345920"
run "GET comparison of 3" "/v1/accelerator-comparison?ids=nvidia-a100-sxm-80gb,nvidia-h100-sxm,google-tpu-v5p"

pid=$(pgrep -f 'catalog.*quarkus-run.jar|quarkus-run.jar' | head -n 1 || true)
if [ -n "$pid" ]; then
  echo "== memory: RSS $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$pid/status) (pid $pid)"
fi
curl -s "$base/q/metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {h+=$NF} END {printf "== JVM heap used after load: %.0f MiB\n", h/1048576}'
