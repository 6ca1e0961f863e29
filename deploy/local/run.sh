#!/usr/bin/env bash
# Runs the platform on this machine without Docker: ensures PostgreSQL, builds, starts the catalog (:8081), costing
# (:8082), planner (:8083) and quantization (:8084) in the background and the dashboard (:8080) in the foreground;
# Ctrl-C stops all. The dashboard's browser calls the APIs at *_PUBLIC_URL, which allow its origin (DASHBOARD_ORIGINS).
# Writes to the catalog need an API key: CATALOG_API_KEYS=name:secret (default here: local:local-catalog-key).
set -euo pipefail
cd "$(dirname "$0")/../.."

deploy/local/ensure-postgres.sh
./mvnw -B -q package -DskipTests
export CATALOG_API_KEYS="${CATALOG_API_KEYS:-local:local-catalog-key}"
export CATALOG_URL="${CATALOG_URL:-http://127.0.0.1:${CATALOG_PORT:-8081}}"
mkdir -p target
export COSTING_URL="${COSTING_URL:-http://127.0.0.1:${COSTING_PORT:-8082}}"
dashboard_port="${DASHBOARD_PORT:-8080}"
export DASHBOARD_ORIGINS="${DASHBOARD_ORIGINS:-http://localhost:$dashboard_port,http://127.0.0.1:$dashboard_port}"
export CATALOG_PUBLIC_URL="${CATALOG_PUBLIC_URL:-http://localhost:${CATALOG_PORT:-8081}}"
export COSTING_PUBLIC_URL="${COSTING_PUBLIC_URL:-http://localhost:${COSTING_PORT:-8082}}"
export PLANNER_PUBLIC_URL="${PLANNER_PUBLIC_URL:-http://localhost:${PLANNER_PORT:-8083}}"
export QUANTIZATION_PUBLIC_URL="${QUANTIZATION_PUBLIC_URL:-http://localhost:${QUANTIZATION_PORT:-8084}}"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT INT TERM
start() { # name url
  java ${JAVA_OPTS:--Xmx256m} -jar "services/$1/target/quarkus-app/quarkus-run.jar" > "target/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do curl -sf "$2/q/health/ready" >/dev/null && return 0; sleep 1; done
  echo "$1 did not start; see target/$1.log" >&2
  exit 1
}
start catalog "$CATALOG_URL"
start costing "$COSTING_URL"
start planner "http://127.0.0.1:${PLANNER_PORT:-8083}"
start quantization "http://127.0.0.1:${QUANTIZATION_PORT:-8084}"
echo "catalog:      $CATALOG_URL/v1/accelerators (log: target/catalog.log; writes: X-API-Key: ${CATALOG_API_KEYS#*:})"
echo "costing:      $COSTING_URL/v1/costs/matmul (log: target/costing.log)"
echo "planner:      http://localhost:${PLANNER_PORT:-8083}/v1/plans (log: target/planner.log)"
echo "quantization: http://localhost:${QUANTIZATION_PORT:-8084}/v1/estimates (log: target/quantization.log; OpenAPI on each: /q/openapi)"
echo "dashboard:    http://localhost:$dashboard_port/"
java ${JAVA_OPTS:--Xmx128m} -jar services/dashboard/target/quarkus-app/quarkus-run.jar
