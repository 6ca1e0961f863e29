#!/usr/bin/env bash
# Runs the platform on this machine without Docker: ensures PostgreSQL, builds, starts the catalog (:8081) in the
# background and the costing service (:8082) in the foreground; Ctrl-C stops both.
# Writes to the catalog need an API key: CATALOG_API_KEYS=name:secret (default here: local:local-catalog-key).
set -euo pipefail
cd "$(dirname "$0")/../.."

deploy/local/ensure-postgres.sh
./mvnw -B -q package -DskipTests
export CATALOG_API_KEYS="${CATALOG_API_KEYS:-local:local-catalog-key}"
export CATALOG_URL="${CATALOG_URL:-http://127.0.0.1:${CATALOG_PORT:-8081}}"
mkdir -p target
java ${JAVA_OPTS:--Xmx256m} -jar services/catalog/target/quarkus-app/quarkus-run.jar > target/catalog.log 2>&1 &
catalog=$!
trap 'kill $catalog 2>/dev/null' EXIT INT TERM
for _ in $(seq 1 60); do curl -sf "$CATALOG_URL/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$CATALOG_URL/q/health/ready" >/dev/null || { echo "catalog did not start; see target/catalog.log" >&2; exit 1; }
echo "catalog: $CATALOG_URL/v1/accelerators (log: target/catalog.log; writes: X-API-Key: ${CATALOG_API_KEYS#*:})"
echo "costing: http://localhost:${COSTING_PORT:-8082}/v1/costs/matmul (OpenAPI UI on both: /q/swagger-ui)"
java ${JAVA_OPTS:--Xmx256m} -jar services/costing/target/quarkus-app/quarkus-run.jar
