#!/usr/bin/env bash
# A stand-in for the team's deploy pipeline: point the stack's image tags at a fixture version
# ("v1", "v2", "broken", ...) and bring the stack up. Usage: demo/deploy.sh VERSION [SERVICE...]
set -euo pipefail
cd "$(dirname "$0")"
version="${1:?usage: deploy.sh VERSION [SERVICE...]}"; shift || true
services=("$@"); [ ${#services[@]} -gt 0 ] || services=(backend web admin)
for service in "${services[@]}"; do
  docker tag "rollback-fixture/app:$version" "merq/$service:current"
done
set -a; . ./.env; set +a
# The compose the tool uses: ROLLBACK_COMPOSE (v1, v2) when set, else v2 when installed.
compose() {
  case "${ROLLBACK_COMPOSE:-}" in
    v1) docker-compose "$@" ;;
    v2) docker compose "$@" ;;
    *) if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi ;;
  esac
}
compose -p merq up -d --no-build "${services[@]}" >/dev/null 2>&1 || compose -p merq up -d --no-build "${services[@]}"
echo "deployed $version to ${services[*]}"
