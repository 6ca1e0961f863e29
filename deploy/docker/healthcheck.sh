#!/bin/sh
# Docker HEALTHCHECK of an Accelerometer image: GET /q/health/ready on the port this container's service listens on
# (its *_PORT variable, else its default port). Exits 0 when ready, non-zero otherwise.
case "${SERVICE:-}" in
  dashboard) port="${DASHBOARD_PORT:-8080}" ;;
  catalog) port="${CATALOG_PORT:-8081}" ;;
  costing) port="${COSTING_PORT:-8082}" ;;
  planner) port="${PLANNER_PORT:-8083}" ;;
  quantization) port="${QUANTIZATION_PORT:-8084}" ;;
  *) echo "healthcheck: unknown SERVICE '${SERVICE:-}'" >&2; exit 2 ;;
esac
exec curl -fsS -o /dev/null --max-time 3 "http://127.0.0.1:${port}/q/health/ready"
