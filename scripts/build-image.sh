#!/usr/bin/env bash
# Builds the CLI image from the repository's Dockerfile, then runs it: `rollback --version`, and
# the Docker CLI and compose inside it talking to this engine through its socket.
#   scripts/build-image.sh [--tag TAG] [--mode auto|registry|local] [--no-package] [--network NET] [--clean]
# registry: the Dockerfile as it is, base images present or pulled: Maven builds the jar inside
#   (what CI's image job runs).
# local: for an engine without a registry (the dev machines). The same Dockerfile, with its base
#   images made here and passed as build arguments:
#     RUNTIME_IMAGE     rollback-local/debian:bookworm: debootstrap minbase (testbed/debian-image.sh),
#                       kept as a cache for the next build (--clean removes it)
#     ARTIFACTS_FROM    target/ of `mvn package` on this machine (jar, completion, man pages) as an
#                       image, in place of the Maven stage (--no-package: the target/ already there)
#     DOCKER_CLI_IMAGE  this machine's static docker client
#     COMPOSE_IMAGE     this machine's compose v2 plugin (testbed/setup.sh installs Debian 13's,
#                       linked against libc alone, which the image's Debian 12 runs); without one,
#                       EXTRA_PACKAGES=docker-compose installs Debian's compose v1 (1.29), which
#                       rollback falls back to
#   apt-get in the runtime stage goes through the host's network (--network host: dockerd here
#   runs with --iptables=false, so build containers have no NAT).
# auto (default): registry when every base image is present or can be pulled, else local.
# Needs a running engine (bash testbed/setup.sh starts one) and BuildKit: buildx, or a client
# older than 23 (BuildKit built in), so that the Maven stage is skipped in local mode.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
tag=rollback:local mode=auto package=1 network= clean=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --no-package) package=0; shift ;;
    --network) network=$2; shift 2 ;;
    --clean) clean=1; shift ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-image: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$mode" in auto|registry|local) ;; *) echo "build-image: --mode auto|registry|local" >&2; exit 2 ;; esac

# as_root, debian_image (shared with the test bed, and its package cache under $WORK/debs)
. "$root/testbed/debian-image.sh"
BASE_IMAGE=rollback-local/debian:bookworm
BASE_REV=1
scratch="rollback-local/build-$$"
started=$SECONDS
log() { printf 'build-image: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers; start one with: bash testbed/setup.sh"

# The base images the Dockerfile names by default (its ARG ..._IMAGE=... lines).
default_images() { grep -Eo '^ARG [A-Z_]+_IMAGE=[^ ]+' "$root/Dockerfile" | sed 's/.*=//'; }
present_or_pulled() {
  docker image inspect "$1" >/dev/null 2>&1 || timeout 120 docker pull -q "$1" >/dev/null 2>&1
}

# A client whose `build` is BuildKit: buildx, or a pre-23 client with DOCKER_BUILDKIT=1.
builder=()
if docker buildx version >/dev/null 2>&1; then
  builder=(docker build)
else
  while read -r client; do
    major="$("$client" version --format '{{.Client.Version}}' 2>/dev/null | cut -d. -f1 || true)"
    if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -lt 23 ]; then builder=(env DOCKER_BUILDKIT=1 "$client" build); break; fi
  done < <(type -ap docker)
fi

if [ "$mode" = auto ]; then
  mode=registry
  while read -r image; do
    present_or_pulled "$image" || { log "$image: not here and no registry answers: local mode"; mode=local; break; }
  done < <(default_images)
fi

static() { [ -x "$1" ] && [[ "$(LC_ALL=C ldd "$1" 2>&1 || true)" == *"not a dynamic executable"* ]]; }
# Static, or linked against libc alone: runs on the image's Debian 12 as on this machine.
libc_only() {
  static "$1" && return
  [ -x "$1" ] && LC_ALL=C ldd "$1" >/dev/null 2>&1 \
    && ! LC_ALL=C ldd "$1" | grep -v -E 'linux-vdso|libc\.so|ld-linux' | grep -q .
}

# One image holding PATH (a file or directory under DIR) at DEST, named $scratch-NAME.
import_tree() {
  local name=$1 dir=$2; shift 2
  tar -C "$dir" -c "$@" | docker import -c "LABEL rollback.build-image=$$" - "$scratch-$name" >/dev/null
  echo "$scratch-$name"
}

cleanup() {
  local image
  for image in $(docker images --format '{{.Repository}}:{{.Tag}}' --filter "reference=$scratch-*" 2>/dev/null); do
    docker rmi "$image" >/dev/null 2>&1 || true
  done
  [ -z "${stage:-}" ] || rm -rf "$stage"
}
trap cleanup EXIT

args=()
if [ "$mode" = local ]; then
  [ ${#builder[@]} -gt 0 ] || die "local mode needs BuildKit (docker buildx, or a docker client older than 23 with DOCKER_BUILDKIT=1); found neither"
  network=${network:-host}
  stage="$(mktemp -d)"

  if [ "$(docker image inspect -f '{{index .Config.Labels "rollback.base.rev"}}' "$BASE_IMAGE" 2>/dev/null)" != "$BASE_REV" ]; then
    command -v debootstrap >/dev/null || die "debootstrap is missing (bash testbed/setup.sh installs it)"
    log "debootstrap Debian bookworm (minbase) as $BASE_IMAGE"
    phase=$SECONDS
    debian_image "$BASE_IMAGE" "" "" 'CMD ["bash"]' "LABEL rollback.base.rev=$BASE_REV" || die "debootstrap failed"
    log "$BASE_IMAGE made in $((SECONDS - phase)) s"
  fi
  args+=(--build-arg "RUNTIME_IMAGE=$BASE_IMAGE")

  if [ "$package" = 1 ]; then
    log "mvn package on this machine (the jar, completion and man pages the Maven stage would make)"
    phase=$SECONDS
    (cd "$root" && mvn -B -q -DskipTests -Dcds.skip=true package) || die "mvn package failed"
    log "mvn package: $((SECONDS - phase)) s"
  fi
  for built in target/rollback.jar target/completion/rollback.bash target/man/rollback.1; do
    [ -f "$root/$built" ] || die "$built is missing: run without --no-package"
  done
  mkdir -p "$stage/artifacts/src/target"
  cp -r "$root/target/rollback.jar" "$root/target/completion" "$root/target/man" "$stage/artifacts/src/target/"
  args+=(--build-arg "ARTIFACTS_FROM=$(import_tree artifacts "$stage/artifacts" src)")

  cli=""
  while read -r client; do static "$client" && { cli=$client; break; }; done < <(type -ap docker)
  [ -n "$cli" ] || die "no static docker client on PATH to copy into the image"
  install -D -m 0755 "$cli" "$stage/cli/usr/local/bin/docker"
  args+=(--build-arg "DOCKER_CLI_IMAGE=$(import_tree docker-cli "$stage/cli" usr)")
  log "Docker CLI: $cli ($("$cli" --version))"

  mkdir -p "$stage/compose"
  for plugin in /usr/local/lib/docker/cli-plugins/docker-compose /usr/libexec/docker/cli-plugins/docker-compose \
                /usr/lib/docker/cli-plugins/docker-compose "$HOME/.docker/cli-plugins/docker-compose"; do
    if libc_only "$plugin"; then cp "$plugin" "$stage/compose/docker-compose"; log "compose: $plugin (v2 plugin)"; break; fi
  done
  if [ ! -e "$stage/compose/docker-compose" ]; then
    args+=(--build-arg "EXTRA_PACKAGES=docker-compose")
    log "compose: no v2 plugin here; Debian's docker-compose (v1) in the image"
  fi
  args+=(--build-arg "COMPOSE_IMAGE=$(import_tree compose "$stage/compose" .)")
elif [ ${#builder[@]} -eq 0 ]; then
  builder=(docker build)
fi
[ -z "$network" ] || args+=(--network "$network")

log "building $tag ($mode): ${builder[*]} ${args[*]}"
build_started=$SECONDS
"${builder[@]}" "${args[@]}" -t "$tag" "$root" || die "docker build failed"
build_seconds=$((SECONDS - build_started))

log "checking $tag"
docker run --rm "$tag" --version
docker run --rm -v /var/run/docker.sock:/var/run/docker.sock --entrypoint docker "$tag" \
  version --format 'docker CLI {{.Client.Version}} in the image, engine {{.Server.Version}} through the socket'
docker run --rm --entrypoint sh "$tag" -c 'docker compose version 2>/dev/null || docker-compose version --short'
docker run --rm "$tag" db-restore --help | grep -q -- --backup || die "db-restore --help has no --backup"

[ "$clean" = 0 ] || [ "$mode" != local ] || docker rmi "$BASE_IMAGE" >/dev/null 2>&1 || true
size="$(docker image inspect -f '{{.Size}}' "$tag")"
log "built $tag: $((size / 1000000)) MB, docker build ${build_seconds} s, $((SECONDS - started)) s in all"
