# Sourced, not run: Debian bookworm images made without a registry, by debootstrap into a scratch
# directory and `docker import`. Used by testbed/setup.sh (the PostgreSQL/Caddy fixture) and
# scripts/build-image.sh (the CLI image's base when debian:bookworm-slim cannot be pulled).
# Downloaded packages are kept in $WORK/debs, so the second root filesystem downloads only what
# the first did not have.

WORK="${WORK:-${ROLLBACK_TESTBED_WORK:-/var/tmp/rollback-testbed}}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The machine's own Debian mirror (deb822 sources), else deb.debian.org.
debian_mirror() {
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

# debian_image IMAGE PACKAGES SETUP [CHANGE...]: debootstrap --variant=minbase bookworm with the
# comma-separated PACKAGES (empty: the minimal base), without docs, man pages, locales or apt lists,
# then runs SETUP (a command, may be empty) with the root filesystem's path as its argument, and
# imports it as IMAGE with each CHANGE as a `docker import -c` (ENTRYPOINT, CMD, ENV, LABEL, ...).
debian_image() {
  local image=$1 packages=$2 setup=$3; shift 3
  local name=${image//[\/:]/-}
  local dir="$WORK/rootfs-$name" log="$WORK/debootstrap-$name.log" changes=() change
  for change in "$@"; do changes+=(-c "$change"); done
  mkdir -p "$WORK/debs"
  as_root rm -rf "$dir"
  as_root debootstrap --variant=minbase --cache-dir="$WORK/debs" ${packages:+--include="$packages"} \
    bookworm "$dir" "$(debian_mirror)" >"$log" 2>&1 \
    || { tail -30 "$log" >&2; as_root rm -rf "$dir"; return 1; }
  as_root rm -rf "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/var/cache/apt/* \
    "$dir"/var/lib/apt/lists/* "$dir"/usr/share/locale/* || return 1
  if [ -n "$setup" ]; then "$setup" "$dir" || return 1; fi
  # A failed step returns 1 even where the caller's `|| ...` turns errexit off.
  as_root tar -C "$dir" -c . | docker import "${changes[@]}" - "$image" >/dev/null || return 1
  as_root rm -rf "$dir"
}
