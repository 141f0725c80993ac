#!/usr/bin/env bash
# Offline structural lint of the Dockerfile (no engine, no registry): the stages exist, the build
# stage runs Maven, the runtime stage has the JRE, PostgreSQL client 15, Docker CLI and compose,
# the jar comes from the build stage (by default), the image runs `rollback --version` as a smoke
# check, and the entrypoint is `rollback`. It does not build the image: CI does
# (.github/workflows/ci.yml, job image), and scripts/build-image.sh does where an engine runs.
#   scripts/check-dockerfile.sh [DOCKERFILE]     (default: the repository's Dockerfile)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
dockerfile="${1:-$root/Dockerfile}"
context="$(cd "$(dirname "$dockerfile")" && pwd)"
failures=0
ok() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }
check() { if eval "$2"; then ok "$1"; else fail "$1"; fi; }

# Instructions, one a line: continuations joined, comments and blank lines dropped, each prefixed
# with its stage number (empty before the first FROM).
instructions="$(awk '
  /^[[:space:]]*#/ && !cont { next }
  { line = cont ? line " " $0 : $0 }
  /\\[[:space:]]*$/ { sub(/\\[[:space:]]*$/, "", line); cont = 1; next }
  { cont = 0; if (line ~ /^[[:space:]]*$/) next
    if (toupper(line) ~ /^[[:space:]]*FROM[[:space:]]/) stage++
    gsub(/[[:space:]]+/, " ", line); print stage "|" line; line = "" }
' "$dockerfile")"
last_stage="$(printf '%s\n' "$instructions" | awk -F'|' 'END { print $1 }')"
stage_of() { printf '%s\n' "$instructions" | grep -i "^[0-9]*|FROM .* AS $1\$" | cut -d'|' -f1 | head -1; }
in_stage() { printf '%s\n' "$instructions" | grep "^$1|" | cut -d'|' -f2-; }
build_stage="$(stage_of build)"
final="$(in_stage "$last_stage")"

check "two or more stages (multi-stage build)" '[ "$last_stage" -ge 2 ]'
check "a stage named build" '[ -n "$build_stage" ]'
check "the build stage runs mvn ... package" \
  '[ -n "$build_stage" ] && in_stage "$build_stage" | grep -Eq "^RUN .*mvn .*package"'
check "the runtime stage installs a Java 17 JRE" 'grep -Eq "openjdk-17-jre|temurin.*17.*jre|FROM .*17.*jre" <<<"$final"'
check "the runtime stage installs PostgreSQL client 15" 'grep -q "postgresql-client-15" <<<"$final"'
check "the runtime stage has the Docker CLI" 'grep -Eq "COPY --from=[^ ]+ [^ ]*/docker /usr/local/bin/docker|docker-ce-cli|docker\.io" <<<"$final"'
check "the runtime stage has compose v2 (cli-plugins/docker-compose)" 'grep -q "cli-plugins/docker-compose" <<<"$final"'
# The stage the jar is copied from: build itself, or a stage `FROM ${ARG}` whose ARG defaults to
# build (ARTIFACTS_FROM: scripts/build-image.sh points it at a host build's target/).
jar_stage="$(grep -Eo "^COPY --from=[^ ]+ [^ ]*rollback\.jar" <<<"$final" | sed -E "s/^COPY --from=([^ ]+) .*/\1/" | head -1 || true)"
jar_base="$(printf '%s\n' "$instructions" | grep -i "^[0-9]*|FROM .* AS ${jar_stage:-none}\$" | cut -d'|' -f2 | awk '{ print $2 }' | head -1 || true)"
if [[ "$jar_base" =~ ^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$ ]]; then
  jar_base="$(printf '%s\n' "$instructions" | grep "^|ARG ${BASH_REMATCH[1]}=" | sed 's/^[^=]*=//' | head -1 || true)"
fi
check "the jar comes from the build stage${jar_stage:+ (COPY --from=$jar_stage)}" \
  '[ "$jar_stage" = build ] || [ "$jar_base" = build ]'
check "ENTRYPOINT [\"rollback\"] in the runtime stage (exec form)" 'grep -Eq "^ENTRYPOINT \[ ?\"rollback\" ?\]$" <<<"$final"'
check "the entrypoint's launcher (bin/rollback) sets umask 077" 'grep -Eq "^umask 077$" "$context/bin/rollback"'
check "RUN rollback --version after the install (smoke check)" \
  'awk "/install\\.sh|rollback\\.jar/ { seen = 1 } seen && /^RUN .*rollback --version/ { found = 1 } END { exit !found }" <<<"$final"'

# COPY --from names a stage defined before it (or an image reference).
stages="$(printf '%s\n' "$instructions" | grep -io " AS [a-z0-9._-]*$" | awk '{ print $2 }')"
while IFS='|' read -r _ instruction; do
  from="$(sed -E 's/^COPY --from=([^ ]+) .*/\1/' <<<"$instruction")"
  if grep -qxF "$from" <<<"$stages" || [[ "$from" == *[:/]* ]]; then ok "COPY --from=$from: a known stage"
  else fail "COPY --from=$from: no stage of that name"; fi
done < <(printf '%s\n' "$instructions" | grep "|COPY --from=")

# Sources copied from the build context exist there and are not excluded by .dockerignore.
ignored=""
[ -f "$context/.dockerignore" ] && ignored="$(grep -v '^[[:space:]]*#' "$context/.dockerignore" | sed '/^[[:space:]]*$/d')"
while IFS='|' read -r _ instruction; do
  read -r -a words <<<"$instruction"
  for source in "${words[@]:1:${#words[@]}-2}"; do
    [[ "$source" == --* ]] && continue
    top="${source%%/*}"
    if [ ! -e "$context/$source" ]; then fail "COPY $source: missing from the build context"
    elif grep -qxF "$top" <<<"$ignored"; then fail "COPY $source: excluded by .dockerignore"
    else ok "COPY $source: in the build context"; fi
  done
done < <(printf '%s\n' "$instructions" | grep -E "\|(COPY|ADD) " | grep -v -- "--from=")

# Base images pinned to a tag, never latest or untagged.
while read -r image; do
  if [[ "$image" == *:* && "$image" != *:latest ]]; then ok "base image $image: pinned"
  else fail "base image $image: pin a tag"; fi
done < <(grep -Eo '^ARG [A-Z_]*IMAGE=[^ ]+' "$dockerfile" | sed 's/.*=//')

if [ "$failures" -gt 0 ]; then
  echo "check-dockerfile: $failures problem(s) in $dockerfile" >&2
  exit 1
fi
echo "check-dockerfile: $dockerfile is well-formed (structure only: scripts/build-image.sh builds it)"
