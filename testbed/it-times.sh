#!/usr/bin/env bash
# Where the integration tests' time goes, from the last `mvn verify` (or failsafe) run's reports:
# one row per test class and leg (main, fault matrix, Compose v1), slowest first, with the test count.
#
#   bash testbed/it-times.sh            # the 25 slowest
#   bash testbed/it-times.sh 0          # all of them
#
# A class's time is its wall time in its JVM (stack set-up included); the main leg runs two classes at
# a time (forkCount 2) and the fault matrix its four classes side by side, so the legs' sums are more
# than their wall times.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-25}
rows=$(for dir in target/failsafe-reports target/failsafe-reports-faults target/failsafe-reports-compose-v1; do
  [ -d "$dir" ] || continue
  case "$dir" in *faults) leg=faults ;; *compose-v1) leg=compose-v1 ;; *) leg=main ;; esac
  for xml in "$dir"/TEST-*.xml; do
    [ -f "$xml" ] || continue
    # <testsuite ... name="dev.rollback.e2e.X" time="12.3" tests="4" ...>
    sed -n '/<testsuite /{p;q}' "$xml" | tr ' ' '\n' | awk -F'"' -v leg="$leg" '
      /^name=/ {n = $2; sub(/.*\./, "", n)} /^time=/ {t = $2} /^tests=/ {c = $2}
      END {printf "%.0f %s %s %s\n", t, leg, n, c}'
  done
done | sort -rn)
[ -n "$rows" ] || { echo "no failsafe reports under target/: run mvn verify first" >&2; exit 1; }
echo "| class | leg | tests | seconds |"
echo "|---|---|---|---|"
echo "$rows" | { [ "$limit" = 0 ] && cat || head -n "$limit"; } | awk '{printf "| %s | %s | %s | %s |\n", $3, $2, $4, $1}'
for leg in main faults compose-v1; do
  echo "$rows" | awk -v leg="$leg" '$2 == leg {s += $1; n++} END {if (n) printf "%s: %d classes, %d s of class time\n", leg, n, s}'
done
