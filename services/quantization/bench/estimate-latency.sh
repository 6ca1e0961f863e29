#!/usr/bin/env bash
# Latency of a whole-catalog estimate over HTTP (every accelerator: fit, prices, decode and prefill from costing).
# Usage: services/quantization/bench/estimate-latency.sh [base-url] [requests] [warm-up]
# Start the platform first (deploy/local/platform.sh start). Prints median, p90, p99 and max in milliseconds.
set -euo pipefail
base=${1:-http://127.0.0.1:8084}
count=${2:-200}
warmup=${3:-20}
body='{"modelId":"llama-2-70b","weightFormat":"nf4","contextLength":4096}'
call() { curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -H 'content-type: application/json' -d "$body" "$base/v1/estimates"; }
for _ in $(seq "$warmup"); do call >/dev/null; done
for _ in $(seq "$count"); do call; done | awk '
    $1 != 201 { bad++ }
    { t[NR] = $2 * 1000 }
    END {
        n = asort(t)
        printf "requests %d (non-201: %d)  median %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms\n",
            n, bad, t[int(n * 0.5) + 1], t[int(n * 0.9) + 1], t[int(n * 0.99) + 1], t[n]
    }'
