#!/usr/bin/env bash
# Runs the catalog on a local PostgreSQL: makes sure the database is up, builds the service, starts it on :8081.
# Writes need an API key: CATALOG_API_KEYS=name:secret (default here: local:local-catalog-key, for this machine only).
set -euo pipefail
cd "$(dirname "$0")/../.."

deploy/local/ensure-postgres.sh
./mvnw -B -q -pl services/catalog -am package -DskipTests
export CATALOG_API_KEYS="${CATALOG_API_KEYS:-local:local-catalog-key}"
echo "catalog: http://localhost:${CATALOG_PORT:-8081}/v1/accelerators  (OpenAPI UI: /q/swagger-ui, writes: X-API-Key: ${CATALOG_API_KEYS#*:})"
exec java ${JAVA_OPTS:--Xmx256m} -jar services/catalog/target/quarkus-app/quarkus-run.jar
