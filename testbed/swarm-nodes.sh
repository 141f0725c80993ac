#!/usr/bin/env bash
# A two-node Swarm on this one machine, beside the test bed's engine and without touching its own
# Swarm (docs/testbed.md, "A two-node Swarm").
#
#   bash testbed/swarm-nodes.sh start    # prints the DOCKER_HOST of the manager to export
#   DOCKER_HOST=unix:///run/rollback-swarm-nodes/manager.sock docker node ls
#   bash testbed/swarm-nodes.sh stop
#
# Each node is a Docker-in-Docker container on the test bed's engine, from an image made of
# Debian 12's docker.io (Engine 20.10, containerd, runc, tini, iptables) and docker-registry by
# debootstrap and `docker import` (testbed/debian-image.sh): nothing is pulled. The nodes are not
# --privileged (see UNPRIVILEGED), keep /var/lib/docker on a volume (overlay2 does not mount on
# the host's overlay2), and sit on a bridge network of their own (rollback-swarm-nodes,
# 10.229.0.0/24) with fixed addresses, which Swarm needs for its ports 2377, 7946 and 4789. Each
# daemon listens on a unix socket in a host directory mounted into its node, so the host reaches
# them without a TCP port. The manager's port 5432 (a service published there with mode=host) is
# forwarded to the host's 127.0.0.1:25432.
#
# Images: the fixtures are loaded into the manager (docker save | docker load), which pushes the
# app stand-ins to the cluster's own registry, in the manager node at 10.229.0.2:5000 (the test
# bed's registry on the host's 127.0.0.1:5000 is not the nodes' loopback); the worker pulls them
# from there, as the nodes of a real cluster do. The nodes get a resolv.conf with no reachable
# server, so Swarm's attempts to pull images from Docker Hub fail at once instead of after the
# 10 s DNS timeout (20 s per `docker service create`, and per task start of a local-only image).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${ROLLBACK_TESTBED_WORK:-/var/tmp/rollback-testbed}"
NODE_IMAGE=rollback-fixture/swarm-node:20.10
NODE_REV=4
NETWORK=rollback-swarm-nodes
SUBNET=10.229.0.0/24
MANAGER_IP=10.229.0.2
WORKER_IP=10.229.0.3
SOCKETS=/run/rollback-swarm-nodes
LABEL=dev.rollback.testbed=swarm-nodes
# Host port (on 127.0.0.1) -> the manager's port, for services published there with mode=host.
PORTS=(25432:5432)
# The cluster's registry, in the manager node (Debian's docker-registry): every node pulls from it,
# as the nodes of a real cluster pull from theirs. Plain HTTP, so the daemons list it as insecure.
REGISTRY=$MANAGER_IP:5000
# Not --privileged: this machine's capability bounding set lacks CAP_SYS_RESOURCE, and runc
# fails a privileged container with "unable to apply caps: operation not permitted" (docker
# ignores --cap-drop with --privileged). Every other capability, no seccomp/AppArmor profile,
# /proc and /sys unmasked and every device allowed is what a privileged node would have had.
UNPRIVILEGED=(--cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined
              --security-opt apparmor=unconfined --security-opt systempaths=unconfined
              --device-cgroup-rule 'a *:* rwm')
log() { echo "swarm-nodes: $*" >&2; }

# shellcheck source=testbed/debian-image.sh
. "$HERE/debian-image.sh"

node() { echo "rollback-swarm-$1"; }
in_node() { local n=$1; shift; DOCKER_HOST="unix://$SOCKETS/$n.sock" docker "$@"; }

# The node's entrypoint (debian_image's setup step): the container is not --privileged (below),
# so /sys and its cgroup mounts come read-only; with CAP_SYS_ADMIN it may remount them writable
# in its own mount namespace, which dockerd needs to make its containers' cgroups.
node_entrypoint() {
  as_root tee "$1/usr/local/bin/node-entrypoint" >/dev/null <<'SH'
#!/bin/sh
set -e
mount -o remount,rw /sys
for d in /sys/fs/cgroup/*/; do mount -o remount,bind,rw "$d"; done
exec /usr/sbin/dockerd "$@"
SH
  as_root chmod 0755 "$1/usr/local/bin/node-entrypoint"
}

build_image() {
  [ "$(docker image inspect -f '{{index .Config.Labels "rollback.swarm-node.rev"}}' "$NODE_IMAGE" 2>/dev/null)" = "$NODE_REV" ] && return
  log "debootstrap docker.io (about a minute)"
  debian_image "$NODE_IMAGE" docker.io,iptables,ca-certificates,docker-registry,curl node_entrypoint \
    'ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/node-entrypoint"]' \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "LABEL rollback.swarm-node.rev=$NODE_REV"
}

# run_node NAME IP [docker run options...]: the node container with its daemon on $SOCKETS/NAME.sock.
run_node() {
  local name=$1 ip=$2; shift 2
  if [ "$(docker inspect -f '{{.State.Running}}' "$(node "$name")" 2>/dev/null)" != true ]; then
    docker rm -f "$(node "$name")" >/dev/null 2>&1 || true
    rm -f "$SOCKETS/$name.sock"
    docker run -d "${UNPRIVILEGED[@]}" --name "$(node "$name")" --hostname "$name" --label "$LABEL" \
      --network "$NETWORK" --ip "$ip" -v "$WORK/swarm-nodes/resolv.conf:/etc/resolv.conf:ro" -v "$(node "$name")-data:/var/lib/docker" -v "$SOCKETS:$SOCKETS" \
      "$@" "$NODE_IMAGE" --host "unix://$SOCKETS/$name.sock" --storage-driver overlay2 \
      --default-address-pool base=10.230.0.0/16,size=24 --insecure-registry "$REGISTRY" >/dev/null
  fi
}

await_daemon() {
  local name=$1
  for _ in $(seq 60); do in_node "$name" info >/dev/null 2>&1 && return; sleep 1; done
  log "the daemon of $name did not answer within 60 s"; docker logs --tail 20 "$(node "$name")" >&2; exit 1
}

# copy_images NODE IMAGE...: each image, unless the node has it with the same ID.
copy_images() {
  local name=$1; shift
  local image
  for image in "$@"; do
    [ "$(in_node "$name" image inspect -f '{{.Id}}' "$image" 2>/dev/null)" = "$(docker image inspect -f '{{.Id}}' "$image")" ] && continue
    log "copying $image to $name"
    docker save "$image" | in_node "$name" load -q >/dev/null
  done
}

# The Distribution registry as a process of the manager node's container (started again when
# the container was restarted), storage in the node's data volume, no auth, on every address
# of the node's network namespace: the worker reaches it at $REGISTRY.
start_registry() {
  docker exec "$(node manager)" curl -s -m 2 -o /dev/null "http://$REGISTRY/v2/" && return
  docker exec -i "$(node manager)" sh -c 'mkdir -p /var/lib/docker/registry && cat >/etc/docker/registry/node.yml' <<YAML
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: /var/lib/docker/registry }, delete: { enabled: true } }
http: { addr: ":5000" }
YAML
  docker exec -d "$(node manager)" sh -c 'exec docker-registry serve /etc/docker/registry/node.yml >/var/log/registry.log 2>&1'
  for _ in $(seq 40); do
    docker exec "$(node manager)" curl -s -m 2 -o /dev/null "http://$REGISTRY/v2/" && return
    sleep 0.25
  done
  log "the registry in the manager did not answer on $REGISTRY within 10 s"; exit 1
}

# The app stand-ins pushed to the cluster's registry as $REGISTRY/rollback-fixture/app:TAG.
push_images() {
  local image
  for image in "$@"; do
    [ "$(docker exec "$(node manager)" curl -s -o /dev/null -w '%{http_code}' \
      "http://$REGISTRY/v2/${image%:*}/manifests/${image##*:}")" = 200 ] && continue
    in_node manager tag "$image" "$REGISTRY/$image"
    in_node manager push -q "$REGISTRY/$image" >/dev/null
    log "pushed $REGISTRY/$image"
  done
}

join_swarm() {
  if [ "$(in_node manager info -f '{{.Swarm.LocalNodeState}}')" != active ]; then
    in_node manager swarm init --advertise-addr "$MANAGER_IP" >/dev/null
  fi
  if [ "$(in_node worker info -f '{{.Swarm.LocalNodeState}}')" != active ]; then
    in_node worker swarm join --token "$(in_node manager swarm join-token -q worker)" "$MANAGER_IP:2377" >/dev/null
  fi
  for _ in $(seq 60); do
    [ "$(in_node manager node ls -f role=worker --format '{{.Status}}')" = Ready ] && return
    sleep 1
  done
  log "the worker is not Ready on the manager within 60 s"; in_node manager node ls >&2; exit 1
}

start() {
  local t0=$SECONDS
  mkdir -p "$WORK/swarm-nodes" "$SOCKETS"
  echo 'nameserver 127.0.0.1' >"$WORK/swarm-nodes/resolv.conf"
  build_image
  docker network inspect "$NETWORK" >/dev/null 2>&1 \
    || docker network create --label "$LABEL" --subnet "$SUBNET" "$NETWORK" >/dev/null
  local publish=() p
  for p in "${PORTS[@]}"; do publish+=(-p "127.0.0.1:$p"); done
  run_node manager "$MANAGER_IP" "${publish[@]}"
  run_node worker "$WORKER_IP"
  await_daemon manager
  await_daemon worker
  local apps=(rollback-fixture/app:v1 rollback-fixture/app:v2 rollback-fixture/app:v3 rollback-fixture/app:broken
              rollback-fixture/busybox:latest)
  copy_images manager "${apps[@]}" rollback-fixture/postgres:15
  start_registry
  push_images "${apps[@]}"
  join_swarm
  log "two nodes up in $((SECONDS - t0)) s: $(in_node manager node ls --format '{{.Hostname}} {{.ManagerStatus}}{{if not .ManagerStatus}}worker{{end}} {{.Status}}' | tr '\n' ';')"
  echo "export DOCKER_HOST=unix://$SOCKETS/manager.sock"
}

# Removes the two node containers, their data volumes and the network; the node image stays.
stop() {
  local name
  for name in worker manager; do
    docker rm -f -v "$(node "$name")" >/dev/null 2>&1 || true
    docker volume rm "$(node "$name")-data" >/dev/null 2>&1 || true
    rm -f "$SOCKETS/$name.sock"
  done
  docker network rm "$NETWORK" >/dev/null 2>&1 || true
}

case "${1:-}" in start) start ;; stop) stop ;; *) echo "usage: $0 start|stop" >&2; exit 2 ;; esac
