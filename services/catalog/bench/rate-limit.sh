#!/usr/bin/env bash
# Per-client rate limits of a running service (default: the catalog on :8081), measured from one client:
#   1. wrong API keys (POST /v1/accelerators with X-API-Key: wrong-N): how many 401s before the first 429, and that a
#      keyless read still answers 200 while the client is locked out (these 40 POSTs also take from the write limit);
#   2. N write-class requests as fast as one connection sends them (POST /v1/systems/check, a computation that needs no
#      key): how many are answered before the first 429, and its Retry-After.
# The defaults (accelerometer.rate-limit.*): 600 writes, 60 searches and 20 wrong keys a minute per client address.
#
#   services/catalog/bench/rate-limit.sh [base-url] [writes]
set -euo pipefail
base="${1:-http://127.0.0.1:8081}"
writes="${2:-700}"
body='{"acceleratorId":"nvidia-rtx-3090","acceleratorCount":4,"gpuPowerLimitWatts":300,"cpuCores":16,"cpuTdpWatts":280,"otherComponentsWatts":50,"ramBytes":137438953472,"psuWatts":1600,"pcieLanesPerGpu":16,"cardWidthSlots":3,"slotSpacing":2,"cooling":"open-air"}'

unauthorized=0
locked=""
for ((i = 1; i <= 40; i++)); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' -H "X-API-Key: wrong-$i" -d '{}' "$base/v1/accelerators")
  if [ "$code" = 401 ]; then unauthorized=$((unauthorized + 1)); fi
  if [ "$code" = 429 ] && [ -z "$locked" ]; then locked=$i; fi
done
read_code=$(curl -s -o /dev/null -w '%{http_code}' "$base/v1/accelerators?pageSize=1")
echo "wrong keys: $unauthorized answered 401, first 429 at attempt ${locked:-none}; a keyless read meanwhile: $read_code"

declare -A counts=()
first429=""
retry=""
start=$(date +%s.%N)
for ((i = 1; i <= writes; i++)); do
  out=$(curl -s -o /dev/null -D - -w '%{http_code}' -H 'content-type: application/json' -d "$body" "$base/v1/systems/check")
  code="${out: -3}"
  counts[$code]=$(( ${counts[$code]:-0} + 1 ))
  if [ "$code" = 429 ] && [ -z "$first429" ]; then
    first429=$i
    retry=$(printf '%s' "$out" | tr -d '\r' | awk -F': ' 'tolower($1)=="retry-after"{print $2}')
  fi
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
echo "writes: $writes POST /v1/systems/check in ${elapsed}s; answers: $(for c in "${!counts[@]}"; do printf '%s=%s ' "$c" "${counts[$c]}"; done)"
echo "writes: first 429 at request ${first429:-none}, Retry-After ${retry:-n/a} s"
