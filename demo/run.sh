#!/usr/bin/env bash
# The quick-start demo, end to end on a new machine: prepare Docker and the fixture images, build
# the CLI, bring up the demo stack (backend, web, admin, postgres, caddy) at v1, then walk the
# runbook: verify, pre-deploy backup, record the release, deploy a broken v2, watch verify fail,
# `rollback redeploy` (level 1), verify again; then another bad deploy undone by `rollback recreate`
# (the recreate strategy of docs/runbook/strategies.md). Starts from a clean demo state every time.
set -euo pipefail
demo="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$demo")"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# json_field KEY: the first value of "KEY" in the JSON report on stdin (no jq on a new machine).
json_field() { grep -o "\"$1\" : [^,}]*" | head -1 | sed 's/^".*" : //; s/"//g'; }

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
# The compose the tool uses: ROLLBACK_COMPOSE (v1, v2) when set, else v2 when installed.
compose() {
  case "${ROLLBACK_COMPOSE:-}" in
    v1) docker-compose "$@" ;;
    v2) docker compose "$@" ;;
    *) if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi ;;
  esac
}

step "start clean: remove an earlier demo stack, its ledger and backups"
compose -p merq down -v --remove-orphans >/dev/null 2>&1 || true
rm -rf .rollback backups && mkdir -m 700 backups   # owner-only, as the tool makes its own

step "deploy v1 of the demo stack and seed the database"
docker tag rollback-fixture/app:v1 merq/backend:current
docker tag rollback-fixture/app:v1 merq/web:current
docker tag rollback-fixture/app:v1 merq/admin:current
compose -p merq up -d --no-build
for _ in $(seq 1 60); do
  docker exec merq-postgres pg_isready -q -h 127.0.0.1 2>/dev/null && break
  sleep 0.5
done
docker exec -i merq-postgres psql -q -X -v ON_ERROR_STOP=1 -U merq merq < seed.sql
printf 'GET /api/version → %s' "$(curl -s http://127.0.0.1:18080/api/version)"

step "rollback verify   (the post-rollback verification)"
rollback verify

step "rollback backup --yes   (the runbook's pre-deployment backup)"
rollback backup --yes

step "rollback release record   (after a good deploy: what level 1 goes back to)"
rollback release record

step "a bad deploy: v2 is broken (no /health, an ERROR in its log)"
./deploy.sh broken
printf 'GET /api/health → HTTP %s\n' "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/api/health)"
rollback verify -q || echo "(verify exit $?: the stack is broken, as expected)"

step "rollback redeploy --yes   (level 1: back to the recorded release, health-gated)"
rollback redeploy --yes
printf 'GET /api/version → %s' "$(curl -s http://127.0.0.1:18080/api/version)"

step "rollback verify -o json   (the proof, as CI would read it)"
rollback verify -o json

step "rollback release list"
rollback release list

step "another bad deploy, and the recreate strategy this time"
./deploy.sh broken
rollback recreate --yes -o json > .rollback/recreate-report.json || { cat .rollback/recreate-report.json; exit 1; }
printf 'rollback recreate: back to %s; the health URL was down %s ms (compose down to healthy: %s ms)\n' \
  "$(json_field target < .rollback/recreate-report.json)" \
  "$(json_field http:api < .rollback/recreate-report.json)" \
  "$(json_field stopToHealthyMs < .rollback/recreate-report.json)"
printf 'GET /api/version → %s' "$(curl -s http://127.0.0.1:18080/api/version)"

step "and once more with the blue-green strategy: zero downtime behind Caddy"
./deploy.sh broken
# An outside probe through Caddy, about 20 requests a second, for the whole switch.
(while [ ! -f .rollback/probe.stop ]; do
   curl -s -o /dev/null --max-time 2 -w '%{http_code}\n' http://127.0.0.1:18080/api/version || echo 000
   sleep 0.05
 done) > .rollback/probe.txt &
probe=$!
rollback blue-green --yes -o json > .rollback/blue-green-report.json || { cat .rollback/blue-green-report.json; exit 1; }
touch .rollback/probe.stop; wait "$probe"; rm -f .rollback/probe.stop
printf 'rollback blue-green: back to %s; %s requests through Caddy during the run, %s failed\n' \
  "$(json_field target < .rollback/blue-green-report.json)" "$(wc -l < .rollback/probe.txt)" \
  "$(grep -vc '^200$' .rollback/probe.txt || true)"
printf 'GET /api/version → %s' "$(curl -s http://127.0.0.1:18080/api/version)"

printf '\nThe demo stack keeps running (http://127.0.0.1:18080/). Stop it with:\n  (cd demo && docker compose -p merq down -v)\n'
