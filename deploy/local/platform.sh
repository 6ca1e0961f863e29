#!/usr/bin/env bash
# Runs the whole platform on one machine without Docker.
#
#   deploy/local/platform.sh start [--no-build] [service ...]   build, ensure PostgreSQL, start in the background
#   deploy/local/platform.sh stop [service ...]                 stop services (all: also the cluster it started)
#   deploy/local/platform.sh status                             what runs, where, and whether it is ready
#   deploy/local/platform.sh logs <service>                     follow one service's log
#
# PostgreSQL: the server named by the libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE; defaults
# 127.0.0.1:5432, accelerometer/accelerometer, database accelerometer) when one answers there; otherwise a persistent
# cluster of the machine's PostgreSQL (initdb, pg_ctl; as root, run as the postgres user) under
# $ACCELEROMETER_HOME/postgres, on PGPORT. The role and database are created when missing. Data survives restarts.
#
# Everything the runner keeps (pids, logs, the local cluster) lives in $ACCELEROMETER_HOME (default .platform in the
# repository). Ports: DASHBOARD_PORT 8080, CATALOG_PORT 8081, COSTING_PORT 8082, PLANNER_PORT 8083,
# QUANTIZATION_PORT 8084. Catalog writes need an API key: CATALOG_API_KEYS=name:secret (default local:local-catalog-key).
# Saved results are owned per key: ACCELEROMETER_API_KEYS=name:secret (default local:local-user-key).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

home="${ACCELEROMETER_HOME:-$root/.platform}"
mkdir -p "$home/run" "$home/logs"
home="$(cd "$home" && pwd)"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-accelerometer}"
export PGPASSWORD="${PGPASSWORD:-accelerometer}" PGDATABASE="${PGDATABASE:-accelerometer}"
export DASHBOARD_PORT="${DASHBOARD_PORT:-8080}" CATALOG_PORT="${CATALOG_PORT:-8081}" COSTING_PORT="${COSTING_PORT:-8082}"
export PLANNER_PORT="${PLANNER_PORT:-8083}" QUANTIZATION_PORT="${QUANTIZATION_PORT:-8084}"
export CATALOG_URL="${CATALOG_URL:-http://127.0.0.1:$CATALOG_PORT}" COSTING_URL="${COSTING_URL:-http://127.0.0.1:$COSTING_PORT}"
export CATALOG_PUBLIC_URL="${CATALOG_PUBLIC_URL:-http://localhost:$CATALOG_PORT}"
export COSTING_PUBLIC_URL="${COSTING_PUBLIC_URL:-http://localhost:$COSTING_PORT}"
export PLANNER_PUBLIC_URL="${PLANNER_PUBLIC_URL:-http://localhost:$PLANNER_PORT}"
export QUANTIZATION_PUBLIC_URL="${QUANTIZATION_PUBLIC_URL:-http://localhost:$QUANTIZATION_PORT}"
export DASHBOARD_ORIGINS="${DASHBOARD_ORIGINS:-http://localhost:$DASHBOARD_PORT,http://127.0.0.1:$DASHBOARD_PORT}"
export CATALOG_API_KEYS="${CATALOG_API_KEYS:-local:local-catalog-key}"
export ACCELEROMETER_API_KEYS="${ACCELEROMETER_API_KEYS:-local:local-user-key}"

# Start order follows the dependencies: the catalog first (costing reads it; planner and quantization read both), then
# the others launched together.
all_services=(catalog costing planner quantization dashboard)

port_of() { local var="${1^^}_PORT"; echo "${!var}"; }
pid_of() { cat "$home/run/$1.pid" 2>/dev/null || true; }
running() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
ready() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$(port_of "$1")/q/health/ready"; }
present() { [ -f "services/$1/target/quarkus-app/quarkus-run.jar" ] || [ -d "services/$1/src" ]; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] && command -v apt-get >/dev/null 2>&1; then
    echo "platform: installing postgresql with apt-get" >&2
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -n "$dir" ] || { echo "platform: no PostgreSQL server binaries (initdb, pg_ctl); install PostgreSQL 15+" >&2; exit 1; }
  echo "$dir"
}

# A superuser session: the local cluster's 'postgres' over its socket, else 'postgres' over TCP where trusted.
superuser() {
  local host="$PGHOST"
  [ -f "$home/run/postgres.started" ] && host="$home/postgres"
  PGHOST="$host" PGPASSWORD= PGUSER=postgres PGDATABASE=postgres psql -v ON_ERROR_STOP=1 -qAt "$@"
}

ensure_database() {
  if psql -qAtc 'select 1' >/dev/null 2>&1; then return 0; fi
  if ! superuser -c 'select 1' >/dev/null 2>&1; then
    echo "platform: cannot log in to $PGHOST:$PGPORT as $PGUSER or as a superuser; create role $PGUSER and database $PGDATABASE" >&2
    exit 1
  fi
  if [ "$(superuser -c "select 1 from pg_roles where rolname = '$PGUSER'")" != "1" ]; then
    superuser -c "create role \"$PGUSER\" login password '$PGPASSWORD'"
  fi
  if [ "$(superuser -c "select 1 from pg_database where datname = '$PGDATABASE'")" != "1" ]; then
    superuser -c "create database \"$PGDATABASE\" owner \"$PGUSER\""
  fi
  echo "platform: created role $PGUSER / database $PGDATABASE on $PGHOST:$PGPORT"
}

start_postgres() {
  if pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
    ensure_database
    return 0
  fi
  local bin data="$home/postgres"
  bin=$(pg_bin)
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "platform: no PostgreSQL at $PGHOST:$PGPORT; creating a persistent cluster in $data"
    mkdir -p "$data"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$data"
    chmod 700 "$data"
    # The superuser is reached only over the socket in $data; the project role logs in with its password over TCP.
    as_postgres "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 >"$home/logs/initdb.log"
  fi
  echo "platform: starting the local cluster in $data on port $PGPORT"
  as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $data" start >/dev/null
  touch "$home/run/postgres.started"
  ensure_database
}

stop_postgres() {
  [ -f "$home/run/postgres.started" ] || return 0
  as_postgres "$(pg_bin)/pg_ctl" -D "$home/postgres" -m fast -w stop >/dev/null && echo "platform: stopped the local cluster"
  rm -f "$home/run/postgres.started"
}

# Builds only what running the platform needs (the services and the libraries they use; not the e2e module) and, when
# python3 is there, the Python client and command line (about 10 s); printing each module as Maven reaches it, the whole
# log kept in $home/logs/build.log.
build_platform() {
  local modules="services/catalog,services/costing,services/planner,services/quantization,services/dashboard"
  if command -v python3 >/dev/null; then modules="$modules,services/python-client"; fi
  local log="$home/logs/build.log" started=$SECONDS seen="" line pid
  echo "platform: building the services and their libraries (a few minutes on 2 cores with Maven's cache warm; the first"
  echo "          build downloads the dependencies too). Progress below; the full log: $log"
  ./mvnw -B package -DskipTests -pl "$modules" -am >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    line=$(grep -E '^\[INFO\] Building .*\[[0-9]+/[0-9]+\]' "$log" 2>/dev/null | tail -n 1 | tr -s ' ' || true)
    if [ -n "$line" ] && [ "$line" != "$seen" ]; then
      seen="$line"
      echo "platform: ${line#\[INFO\] } after $((SECONDS - started)) s"
    fi
    sleep 2
  done
  if ! wait "$pid"; then
    echo "platform: the build failed after $((SECONDS - started)) s; last lines of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  echo "platform: built in $((SECONDS - started)) s"
}

# Launches a service in the background; await_service then waits for it to become ready.
launch_service() {
  local name="$1" jar="services/$1/target/quarkus-app/quarkus-run.jar"
  if running "$name"; then echo "platform: $name already runs (pid $(pid_of "$name"))"; return 0; fi
  [ -f "$jar" ] || { echo "platform: $jar missing; run without --no-build" >&2; exit 1; }
  # setsid: the service outlives this script and gets its own process group, so stop ends it and its children.
  setsid java ${JAVA_OPTS:--Xmx256m} -jar "$jar" >>"$home/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$home/run/$name.pid"
}

start_service() {
  launch_service "$1"
  await_service "$1"
}

await_service() {
  local name="$1"
  # Wait as long as the service makes progress (its log grows) — a busy machine can take minutes to start a JVM — but
  # give up when it exits, stops writing for $START_STALL_SECONDS, or exceeds $START_TIMEOUT_SECONDS in all.
  local started=$SECONDS last_size=-1 last_progress=$SECONDS size
  local stall=${START_STALL_SECONDS:-180} limit=${START_TIMEOUT_SECONDS:-900} reason
  while true; do
    if ready "$name"; then
      [ $((SECONDS - started)) -lt 15 ] || echo "platform: $name ready after $((SECONDS - started)) s"
      return 0
    fi
    if ! running "$name"; then reason="exited"; break; fi
    size=$(stat -c %s "$home/logs/$name.log" 2>/dev/null || echo 0)
    if [ "$size" != "$last_size" ]; then last_size=$size; last_progress=$SECONDS; fi
    if [ $((SECONDS - last_progress)) -ge "$stall" ]; then reason="wrote nothing to its log for ${stall} s"; break; fi
    if [ $((SECONDS - started)) -ge "$limit" ]; then reason="not ready after ${limit} s"; break; fi
    if [ $(( (SECONDS - started) % 15 )) -eq 14 ]; then
      echo "platform: waiting for $name at http://127.0.0.1:$(port_of "$name")/q/health/ready ($((SECONDS - started)) s, still starting)"
    fi
    sleep 0.5
  done
  echo "platform: $name did not become ready ($reason; waited for http://127.0.0.1:$(port_of "$name")/q/health/ready);" \
    "last lines of $home/logs/$name.log:" >&2
  tail -n 20 "$home/logs/$name.log" >&2
  exit 1
}

stop_service() {
  local name="$1" pid
  pid=$(pid_of "$name")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "platform: stopped $name"
  fi
  rm -f "$home/run/$name.pid"
}

selected() { # the services named on the command line, or every service of the platform
  if [ $# -gt 0 ]; then printf '%s\n' "$@"; else for s in "${all_services[@]}"; do present "$s" && echo "$s"; done; fi
}

status() {
  printf '%-13s %-6s %-8s %s\n' service pid state url
  for s in "${all_services[@]}"; do
    present "$s" || continue
    local state=stopped
    if running "$s"; then state=starting; ready "$s" && state=ready; fi
    printf '%-13s %-6s %-8s %s\n' "$s" "$(pid_of "$s")" "$state" "http://localhost:$(port_of "$s")"
  done
}

command="${1:-}"; [ $# -gt 0 ] && shift
case "$command" in
  start)
    build=true
    if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
    mapfile -t targets < <(selected "$@")
    if $build; then build_platform; fi
    start_postgres
    # The catalog first (the others read it); then the rest launched together and awaited in turn.
    rest=()
    for s in "${targets[@]}"; do
      if [ "$s" = catalog ]; then start_service catalog; else rest+=("$s"); fi
    done
    for s in "${rest[@]}"; do launch_service "$s"; done
    for s in "${rest[@]}"; do await_service "$s"; done
    status
    # The key is printed only when it is the documented default: a secret the operator set stays out of terminals and CI logs.
    if [ "$CATALOG_API_KEYS" = "local:local-catalog-key" ]; then key_hint="X-API-Key: local-catalog-key (the default)"
    else key_hint="X-API-Key: the secret you set in CATALOG_API_KEYS"; fi
    if [ "$ACCELEROMETER_API_KEYS" = "local:local-user-key" ]; then user_hint="X-API-Key: local-user-key (the default)"
    else user_hint="X-API-Key: a secret you set in ACCELEROMETER_API_KEYS"; fi
    echo "API docs: /q/swagger-ui and /q/openapi on every service; catalog writes: $key_hint"
    echo "saved plans, estimates and comparisons kept and listed per key: $user_hint (without a key, kept 24 h)"
    wheel=$(ls services/python-client/target/dist/accelerometer-*.whl 2>/dev/null | head -n 1 || true)
    if [ -n "$wheel" ]; then
      echo "Python client and the accelerometer command: python3 -m venv --system-site-packages .venv && .venv/bin/pip install --no-index $wheel"
    fi
    echo "logs: $home/logs; stop with: deploy/local/platform.sh stop"
    ;;
  stop)
    mapfile -t targets < <(selected "$@")
    for ((i = ${#targets[@]} - 1; i >= 0; i--)); do stop_service "${targets[i]}"; done
    [ $# -gt 0 ] || stop_postgres
    ;;
  status) status ;;
  logs) tail -n 100 -F "$home/logs/${1:?which service}.log" ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
