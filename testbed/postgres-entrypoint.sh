#!/bin/sh
# Entrypoint of the fixture PostgreSQL image, shaped like the official image's: POSTGRES_USER,
# POSTGRES_PASSWORD and POSTGRES_DB create the cluster on first start; other commands run as given.
set -eu

if [ "${1:-}" != postgres ]; then
  exec "$@"
fi

PGDATA="${PGDATA:-/var/lib/postgresql/data}"
PGUSER_NAME="${POSTGRES_USER:-postgres}"
PGDB_NAME="${POSTGRES_DB:-$PGUSER_NAME}"
export PGDATA

run_as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}" >"$pwfile"
  chown postgres "$pwfile"
  run_as_postgres initdb -D "$PGDATA" -U "$PGUSER_NAME" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  echo "host all all 0.0.0.0/0 scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$PGDB_NAME" != postgres ]; then
    echo "CREATE DATABASE \"$PGDB_NAME\" OWNER \"$PGUSER_NAME\"" \
      | run_as_postgres postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "fixture-postgres: initialised cluster, database $PGDB_NAME"
fi

shift
exec setpriv --reuid=postgres --regid=postgres --init-groups \
  postgres -D "$PGDATA" -c listen_addresses='*' "$@"
