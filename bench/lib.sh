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
