#!/usr/bin/env bash
# Docker Engine 26 beside the test bed's engine (20.10), for trying the suite on a modern engine
# without stopping the one everything else uses (docs/testbed.md, "Docker Engine 26").
#
#   bash testbed/engine26.sh start    # prints the DOCKER_HOST to export
#   DOCKER_HOST=unix:///run/rollback-engine26.sock mvn -B -o failsafe:integration-test -Dit.test=...
#   bash testbed/engine26.sh stop
#
# Debian 13 (trixie)'s docker.io 26.1.5 and containerd 1.7.24, unpacked from their packages into
# $WORK/engine26 (the system's packages stay as they are); trixie's runc needs glibc 2.38, so the
# system's runc 1.1.5 runs the containers. The second daemon gets everything of its own: socket,
# data root, exec root, containerd, and a bridge (rb26) and address pool that 20.10 does not use:
# a second daemon started with --bridge=none deletes the first one's docker0. Like 20.10 here it
# runs with --iptables=false (ports are published by docker-proxy on 127.0.0.1). The fixture
# images are copied over from 20.10 with docker save | docker load.
set -euo pipefail
WORK=/var/tmp/rollback-testbed
HOME26="$WORK/engine26"
SOCKET=/run/rollback-engine26.sock
BRIDGE=rb26
log() { echo "engine26: $*" >&2; }

unpack() {
  [ -x "$HOME26/root/usr/sbin/dockerd" ] && return
  local d="$WORK/apt-trixie"
  [ -f "$d/sources.list" ] || { log "run testbed/setup.sh first (it prepares trixie's package lists)"; exit 1; }
  local apt=(-o "Dir::Etc::sourcelist=$d/sources.list" -o Dir::Etc::sourceparts=/nonexistent
             -o "Dir::State::Lists=$d/lists" -o "Dir::Cache=$d/cache")
  (cd "$d" && rm -f docker.io_*.deb containerd_*.deb && apt-get -qq "${apt[@]}" download docker.io containerd)
  mkdir -p "$HOME26/root"
  for p in docker.io containerd; do dpkg -x "$d"/${p}_*.deb "$HOME26/root"; done
  rm -f "$HOME26/root/usr/bin/runc" "$HOME26/root/usr/sbin/runc"   # glibc 2.38; the system's runc runs
}

start() {
  unpack
  if DOCKER_HOST="unix://$SOCKET" docker info >/dev/null 2>&1; then log "already running"; else
    ip link show "$BRIDGE" >/dev/null 2>&1 || {
      ip link add "$BRIDGE" type bridge && ip addr add 10.226.0.1/24 dev "$BRIDGE" && ip link set "$BRIDGE" up; }
    log "starting dockerd $("$HOME26/root/usr/sbin/dockerd" --version | cut -d, -f1 | cut -d' ' -f3)"
    PATH="$HOME26/root/usr/sbin:$HOME26/root/usr/bin:$PATH" setsid dockerd \
      --host "unix://$SOCKET" --data-root /var/lib/rollback-engine26 --exec-root /run/rollback-engine26 \
      --pidfile /run/rollback-engine26.pid --iptables=false --bridge="$BRIDGE" \
      --default-address-pool base=10.227.0.0/16,size=24 >"$HOME26/dockerd.log" 2>&1 </dev/null &
    for _ in $(seq 60); do DOCKER_HOST="unix://$SOCKET" docker info >/dev/null 2>&1 && break; sleep 1; done
    DOCKER_HOST="unix://$SOCKET" docker info >/dev/null 2>&1 || { log "did not come up"; tail -20 "$HOME26/dockerd.log" >&2; exit 1; }
  fi
  copy_images
  echo "export DOCKER_HOST=unix://$SOCKET"
}

# The fixture images as 20.10 has them (also their registry tags), so IDs and tags match.
copy_images() {
  local images
  images=$(docker images --format '{{.Repository}}:{{.Tag}}' \
    | grep -E '^(127\.0\.0\.1:5000/)?rollback-fixture/' | grep -v -E ':(rollback-[0-9]|<none>)' || true)
  for image in $images; do
    DOCKER_HOST="unix://$SOCKET" docker image inspect "$image" >/dev/null 2>&1 && continue
    log "copying $image"
    docker save "$image" | DOCKER_HOST="unix://$SOCKET" docker load -q >/dev/null
  done
}

stop() {
  [ -f /run/rollback-engine26.pid ] && kill "$(cat /run/rollback-engine26.pid)" 2>/dev/null || true
  for _ in $(seq 30); do [ -S "$SOCKET" ] || break; sleep 1; done
  ip link del "$BRIDGE" 2>/dev/null || true
}

case "${1:-}" in start) start ;; stop) stop ;; *) echo "usage: $0 start|stop" >&2; exit 2 ;; esac
