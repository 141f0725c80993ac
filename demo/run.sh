#!/usr/bin/env bash
# The quick-start demo: on a new machine, prepare Docker and the fixture images, build the CLI,
# bring up the demo stack (backend, web, postgres, caddy) and run `rollback verify` and
# `rollback backup` against it, printing their reports.
set -euo pipefail
demo="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$demo")"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "machine: Docker engine, compose, fixture images"
bash "$root/testbed/setup.sh"

step "build the rollback CLI"
if [ ! -f "$root/target/rollback.jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$root/target/rollback.jar" -print -quit)" ]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi
rollback() { "$root/bin/rollback" --config "$demo/rollback.yml" "$@"; }

cd "$demo"
if [ ! -f .env ]; then
  # A demo-only secret, generated per machine; rollback reads it from the environment (password-env).
  echo "DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" > .env
  chmod 600 .env
fi
set -a; . ./.env; set +a
mkdir -p backups

step "deploy v1 of the demo stack"
docker tag rollback-fixture/app:v1 merq/backend:current
docker tag rollback-fixture/app:v1 merq/web:current
compose() { if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi; }
compose -p merq up -d --no-build
for _ in $(seq 1 60); do
  docker exec merq-postgres pg_isready -q -h 127.0.0.1 2>/dev/null && break
  sleep 0.5
done
docker exec -i merq-postgres psql -q -X -v ON_ERROR_STOP=1 -U merq merq < seed.sql

step "rollback verify   (seed 004's post-rollback verification)"
rollback verify

step "rollback backup --yes   (the runbook's pre-deployment backup)"
rollback backup --yes

step "rollback backups"
rollback backups

step "the same verification as JSON, for CI: rollback verify -o json"
rollback verify -o json

printf '\nThe demo stack keeps running (http://127.0.0.1:18080/). Stop it with:\n  (cd demo && docker-compose -p merq down -v)\n'
