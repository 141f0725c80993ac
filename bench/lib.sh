# Shared helpers for the benchmark scripts: time a command N times, print the median.
# Sourced, not run.

# median_ms RUNS CMD...: runs CMD RUNS times (output discarded) and prints the median wall time in ms.
median_ms() {
  local runs=$1; shift
  local times=() start end
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

# compose ARGS...: the compose the tool would use: $ROLLBACK_COMPOSE (v1 or v2) when set, else v2
# when `docker compose` answers, else v1.
compose() {
  case "${ROLLBACK_COMPOSE:-}" in
    v1) docker-compose "$@" ;;
    v2) docker compose "$@" ;;
    *) if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi ;;
  esac
}

# compose_versions: the compose implementations installed here, v2 first ("v2 v1", "v2" or "v1"),
# for benchmarks that report them side by side.
compose_versions() {
  local found=()
  docker compose version >/dev/null 2>&1 && found+=(v2)
  command -v docker-compose >/dev/null && found+=(v1)
  echo "${found[@]}"
}
