#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on $PGHOST:$PGPORT and that the project's role and databases exist.
# Starts the local Debian cluster if it is down; installs PostgreSQL with apt-get if it is missing.
# Uses the libpq variables with the project's defaults, so it works here, on a laptop and in CI.
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}"
role="${PGUSER:-accelerometer}"
password="${PGPASSWORD:-accelerometer}"
databases=("${PGDATABASE:-accelerometer}" "${PGDATABASE_TEST:-accelerometer_test}")

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_isready >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
    echo "ensure-postgres: installing postgresql with apt-get"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
fi

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  cluster=$(pg_lsclusters --no-header 2>/dev/null | awk -v port="$PGPORT" '$3 == port {print $1" "$2; exit}')
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    echo "ensure-postgres: creating cluster $version/main on port $PGPORT"
    as_root pg_createcluster -p "$PGPORT" "$version" main >/dev/null
    cluster="$version main"
  fi
  echo "ensure-postgres: starting cluster $cluster"
  as_root pg_ctlcluster --skip-systemctl-redirect $cluster start
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
fi
pg_isready -h "$PGHOST" -p "$PGPORT"

# A superuser session: trust over TCP as 'postgres' where allowed, else peer auth on the local socket.
superuser() {
  if PGPASSWORD= psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -qAtc 'select 1' >/dev/null 2>&1; then
    PGPASSWORD= psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
  else
    as_root runuser -u postgres -- psql -p "$PGPORT" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
  fi
}

if [ "$(superuser -c "select 1 from pg_roles where rolname = '$role'")" != "1" ]; then
  echo "ensure-postgres: creating role $role"
  superuser -c "create role \"$role\" login password '$password'"
fi
for db in "${databases[@]}"; do
  if [ "$(superuser -c "select 1 from pg_database where datname = '$db'")" != "1" ]; then
    echo "ensure-postgres: creating database $db"
    superuser -c "create database \"$db\" owner \"$role\""
  fi
done
echo "ensure-postgres: $role@$PGHOST:$PGPORT ready (${databases[*]})"
