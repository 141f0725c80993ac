#!/usr/bin/env bash
# Installs rollback under PREFIX (default /usr/local): the launcher, the jar, a class-data-sharing
# archive made for the installed jar, bash and zsh completion, and the man pages.
# Build first: mvn -B -q -DskipTests package. DESTDIR is honoured for packaging.
#   bin/install.sh               -> /usr/local/bin/rollback, /usr/local/share/rollback/, ...
#   bin/install.sh ~/.local      -> no root needed
set -euo pipefail
src="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
prefix="${1:-/usr/local}"
case "$prefix" in
  -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  /*) ;;
  *) prefix="$(pwd)/$prefix" ;;
esac
dest="${DESTDIR:-}$prefix"
target="$src/target"
for built in "$target/rollback.jar" "$target/completion/rollback.bash" "$target/man/rollback.1"; do
  if [ ! -f "$built" ]; then
    echo "install: $built is missing; build it with 'mvn -B -q -DskipTests package'" >&2
    exit 2
  fi
done

share="$dest/share/rollback"
install -d "$dest/bin" "$share/completion" "$dest/share/bash-completion/completions" "$dest/share/man/man1"
install -m 0755 "$src/bin/rollback" "$dest/bin/rollback"
install -m 0644 "$target/rollback.jar" "$share/rollback.jar"
install -m 0644 "$target/completion/rollback.bash" "$dest/share/bash-completion/completions/rollback"
install -m 0644 "$target/completion/rollback.bash" "$target/completion/rollback.zsh" "$share/completion/"
install -m 0644 "$target/man/"*.1 "$dest/share/man/man1/"

# The build's archive names the jar by its build path; the JVM ignores an archive made for another
# path, so make one for the installed jar (the same training run as pom.xml's cds-archive).
if [ "${ROLLBACK_INSTALL_CDS:-1}" = 1 ] && [ -z "${DESTDIR:-}" ]; then
  rm -f "$share/rollback.jsa"
  java -XX:ArchiveClassesAtExit="$share/rollback.jsa" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:disable \
    -jar "$share/rollback.jar" --config "$src/src/cds/training.yml" redeploy --dry-run -q >/dev/null 2>&1 || true
fi

echo "installed rollback in $prefix"
echo "  bash: completion loads from share/bash-completion (bash-completion package), or: source $prefix/share/rollback/completion/rollback.bash"
echo "  zsh:  add to ~/.zshrc: source $prefix/share/rollback/completion/rollback.zsh"
echo "  man rollback (MANPATH must include $prefix/share/man)"
