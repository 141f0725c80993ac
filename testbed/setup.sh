#!/usr/bin/env bash
# Makes this machine ready to run the demo and the tests: a real Docker engine, compose, and the
# fixture images, and a local registry holding them. Idempotent: every step checks first and does
# nothing when already done, so the demo, the tests and CI all call it. No outside registry is
# reachable here, so images are built from Debian packages with `docker import` and pushed to a
# registry of our own on 127.0.0.1:5000 (see docs/testbed.md).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${ROLLBACK_TESTBED_WORK:-/var/tmp/rollback-testbed}"
APP_IMAGE=rollback-fixture/app
PG_IMAGE=rollback-fixture/postgres:15
CADDY_IMAGE=rollback-fixture/caddy:2
# The Distribution registry (Debian's docker-registry) on loopback: the engine pulls from and pushes
# to 127.0.0.0/8 registries over plain HTTP without any daemon setting.
REGISTRY=127.0.0.1:5000

# Bump when a fixture image changes: images with another revision label are rebuilt.
FIXTURE_REV=5

log() { printf 'testbed: %s\n' "$*" >&2; }

# as_root, debian_mirror, debian_image (debootstrap + docker import)
. "$HERE/debian-image.sh"

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  # docker-compose: Compose v1 (1.29, Debian 12's), for the CI's v1 leg; v2 is installed below.
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  [ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx httpd || missing+=(busybox-static)
  command -v pg_dump >/dev/null || missing+=(postgresql-client)
  command -v curl >/dev/null || missing+=(curl)
  # gcc: the app stand-in's server (testbed/serve.c) is built static here.
  command -v gcc >/dev/null || missing+=(gcc libc6-dev)
  # zsh: CompletionE2EIT completes command lines in a real zsh (docs/install.md).
  command -v zsh >/dev/null || missing+=(zsh)
  # docker-registry: the Distribution registry 2.8, the images' registry (start_registry).
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

# Compose v2, the `docker compose` plugin users have: Debian 12 ships only v1, so the plugin comes
# from Debian 13 (trixie)'s docker-compose package, downloaded through a private apt state (the
# system's sources stay untouched) from this machine's own Debian mirror. Its binary needs only
# libc >= 2.34. The tool and the tests use v2 when it is there; ROLLBACK_COMPOSE=v1 makes both use
# v1 (docs/testbed.md). A plugin already installed is never replaced.
install_compose_v2() {
  local plugin=/usr/libexec/docker/cli-plugins/docker-compose
  docker compose version >/dev/null 2>&1 && return
  log "installing Compose v2 (trixie's docker-compose package) as the docker compose plugin"
  local d="$WORK/apt-trixie" mirror
  mirror=$(debian_mirror)
  mkdir -p "$d/lists/partial" "$d/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$d/sources.list"
  local apt=(-o "Dir::Etc::sourcelist=$d/sources.list" -o Dir::Etc::sourceparts=/nonexistent
             -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache")
  as_root apt-get -qq "${apt[@]}" update
  (cd "$d" && rm -f docker-compose_*.deb && as_root apt-get -qq "${apt[@]}" download docker-compose)
  rm -rf "$d/x" && dpkg -x "$d"/docker-compose_*.deb "$d/x"
  as_root install -D -m 0755 "$d/x/usr/libexec/docker/cli-plugins/docker-compose" "$plugin"
  docker compose version >/dev/null || { log "the compose v2 plugin does not run here"; exit 1; }
}

start_docker() {
  if docker info >/dev/null 2>&1; then return; fi
  log "starting dockerd"
  # --iptables=false: these machines have no iptables rules to spare; ports published on
  # 127.0.0.1 still work through docker-proxy (TESTENV.md).
  as_root setsid dockerd --iptables=false >/var/log/dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && return
    sleep 0.5
  done
  log "dockerd did not come up; see /var/log/dockerd.log"
  tail -20 /var/log/dockerd.log >&2 || true
  exit 1
}

image_exists() {
  [ "$(docker image inspect -f '{{index .Config.Labels "rollback.fixture.rev"}}' "$1" 2>/dev/null)" = "$FIXTURE_REV" ]
}

# A 2 MB busybox root filesystem: enough for an HTTP app stand-in and for helper containers
# (tar, gzip, sh) used by volume backups.
busybox_rootfs() {
  local dir=$1
  rm -rf "$dir"; mkdir -p "$dir/bin" "$dir/www" "$dir/tmp" "$dir/etc"
  cp /bin/busybox "$dir/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$dir/etc/passwd"
  echo 'root:x:0:' >"$dir/etc/group"
}

# App stand-ins: testbed/serve.c serving /www (one process, a real server's listen backlog; not
# busybox httpd, which forks per request). /health and /version make a versioned app; "broken"
# has no /health (404) and logs an error line; "crash" exits at once.
build_app_images() {
  local version
  for version in v1 v2 v3 broken crash; do
    image_exists "$APP_IMAGE:$version" && continue
    local dir="$WORK/app-$version"
    busybox_rootfs "$dir"
    gcc -static -O2 -o "$dir/bin/serve" "$HERE/serve.c"
    echo "$version" >"$dir/www/version"
    # The server runs as a child, not as PID 1: PID 1 ignores SIGTERM, which would make every
    # `docker stop` wait out its whole grace period.
    local serve='serve 80 /www &\ntrap "kill \\$! 2>/dev/null; exit 0" TERM INT\nwait\n'
    case "$version" in
      broken) printf '#!/bin/sh\necho "app %s starting"\necho "ERROR: migration 042 failed: column users.email does not exist" >&2\n'"$serve" "$version" >"$dir/start.sh" ;;
      # The pause orders the two lines in `docker logs`: stdout and stderr are copied separately.
      crash) printf '#!/bin/sh\necho "app %s starting"\nsleep 0.2\necho "FATAL: cannot start" >&2\nexit 1\n' "$version" >"$dir/start.sh" ;;
      *) echo ok >"$dir/www/health"
         printf '#!/bin/sh\necho "app %s starting"\n'"$serve" "$version" >"$dir/start.sh" ;;
    esac
    chmod +x "$dir/start.sh"
    tar -C "$dir" -c . | docker import \
      -c 'ENTRYPOINT ["/start.sh"]' \
      -c 'HEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1/health"]' \
      -c "LABEL org.opencontainers.image.version=$version" \
      -c "LABEL rollback.fixture.rev=$FIXTURE_REV" \
      - "$APP_IMAGE:$version" >/dev/null
    rm -rf "$dir"
    log "built $APP_IMAGE:$version"
  done
  if ! image_exists rollback-fixture/busybox:latest; then
    local dir="$WORK/busybox"
    busybox_rootfs "$dir"
    tar -C "$dir" -c . | docker import -c 'CMD ["sh"]' -c "LABEL rollback.fixture.rev=$FIXTURE_REV" \
      - rollback-fixture/busybox:latest >/dev/null
    rm -rf "$dir"
    log "built rollback-fixture/busybox:latest"
  fi
}

# The official image's entrypoint, in the fixture's root filesystem (debian_image's setup step).
install_pg_entrypoint() { as_root install -m 0755 "$HERE/postgres-entrypoint.sh" "$1/usr/local/bin/docker-entrypoint.sh"; }

# PostgreSQL 15 and Caddy 2 from Debian, in one root filesystem imported twice with different
# default commands. The database's healthcheck has a start period, as the official image's users
# give theirs: a first start runs initdb, which took over 30 s on a loaded CI machine, and failed
# probes before the first success must not make it "unhealthy".
build_stack_images() {
  if image_exists "$PG_IMAGE" && image_exists "$CADDY_IMAGE"; then return; fi
  if ! image_exists "$PG_IMAGE"; then
    log "debootstrap postgresql-15 + caddy (about a minute)"
    debian_image "$PG_IMAGE" postgresql-15,caddy,busybox-static install_pg_entrypoint \
      'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
      'CMD ["postgres"]' \
      'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      'HEALTHCHECK --interval=1s --timeout=3s --retries=30 --start-period=120s CMD ["pg_isready", "-h", "127.0.0.1", "-q"]' \
      "LABEL rollback.fixture.rev=$FIXTURE_REV" || exit 1
    log "built $PG_IMAGE"
  fi
  if ! image_exists "$CADDY_IMAGE"; then
    local cid
    cid=$(docker create "$PG_IMAGE")
    docker commit \
      --change 'ENTRYPOINT []' \
      --change 'CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]' \
      --change 'HEALTHCHECK NONE' \
      "$cid" "$CADDY_IMAGE" >/dev/null
    docker rm "$cid" >/dev/null
    log "built $CADDY_IMAGE"
  fi
}

# The registry with a config of its own (the package's has an htpasswd auth block and listens on
# every address): loopback only, no auth, storage under the test bed's work dir. There is no
# systemd here, so it runs in the background like dockerd; a stale one from another config is
# left alone as long as it answers.
start_registry() {
  registry_answers && return
  local dir="$WORK/registry"
  mkdir -p "$dir/storage"
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: warn
  fields:
    service: registry
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: $REGISTRY
  headers:
    X-Content-Type-Options: [nosniff]
YAML
  log "starting the registry on $REGISTRY (storage in $dir/storage)"
  setsid docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 < /dev/null &
  for _ in $(seq 1 40); do
    registry_answers && return
    sleep 0.25
  done
  log "the registry did not answer on $REGISTRY within 10 s; see $dir/registry.log"
  tail -20 "$dir/registry.log" >&2 || true
  exit 1
}

registry_answers() { curl -s -m 2 -o /dev/null "http://$REGISTRY/v2/"; }

# Pushes each fixture image as $REGISTRY/<name>, unless the registry already holds that tag with
# the same image (its config digest is the local image ID, so a rebuilt fixture is pushed again).
push_fixture_images() {
  local image
  for image in "$APP_IMAGE:v1" "$APP_IMAGE:v2" "$APP_IMAGE:v3" "$APP_IMAGE:broken" "$APP_IMAGE:crash" \
               rollback-fixture/busybox:latest; do
    in_registry "$image" && continue
    docker tag "$image" "$REGISTRY/$image"
    docker push -q "$REGISTRY/$image" >/dev/null
    log "pushed $REGISTRY/$image"
  done
}

# Whether the registry's manifest for the tag names the local image's ID as its config digest.
in_registry() {
  local repo=${1%:*} tag=${1##*:} id
  id=$(docker image inspect -f '{{.Id}}' "$1")
  curl -s -m 5 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$repo/manifests/$tag" | grep -q "\"digest\": *\"$id\""
}

main() {
  mkdir -p "$WORK"
  install_packages
  install_compose_v2
  start_docker
  build_app_images
  build_stack_images
  start_registry
  push_fixture_images
  log "ready: $(docker version --format '{{.Server.Version}}' 2>/dev/null) engine, $(docker compose version --short) and docker-compose $(docker-compose version --short), images present, registry on $REGISTRY"
}

main "$@"
