#!/usr/bin/env bash
# Copies the tables the tests generate into the docs, each under its own heading:
#   target/fault-matrix.md         → docs/reliability.md    "### The matrix"          (*FaultsIT)
#   target/bad-input-catalogue.md  → docs/reliability.md    "## Bad-input catalogue"  (BadInputCatalogueTest, BadInputStackIT)
#   target/secret-audit.md         → docs/reliability.md    "## Secret audit"         (SecretAuditIT, TokenAuditIT)
#   target/file-modes.md           → docs/reliability.md    "## File modes"           (FileModesE2EIT)
#   target/runbook-walkthrough.md  → docs/runbook/README.md "## Every command here has been run" (RunbookWalkthroughE2EIT)
# Each generated file starts with its heading; the section in the doc is replaced from its
# "<!-- table: ... -->" marker up to its "<!-- end: ... -->" marker, so the prose around the tables
# stays as written. A table the tests have not generated is left as it is in its doc; with names
# as arguments (e.g. `testbed/reliability-tables.sh runbook-walkthrough`) only those tables are copied.
# Run the tests first:
#   mvn -B -o test -Dtest=BadInputCatalogueTest
#   mvn -B -o failsafe:integration-test failsafe:verify -Dit.test='BadInputStackIT,SecretAuditIT,TokenAuditIT,RunbookWalkthroughE2EIT,FileModesE2EIT'
#   mvn -B -o failsafe:integration-test@fault-matrix failsafe:verify@fault-matrix   (or all of it: mvn verify)
set -euo pipefail
cd "$(dirname "$0")/.."
updated=0
for pair in "target/fault-matrix.md docs/reliability.md" "target/bad-input-catalogue.md docs/reliability.md" "target/secret-audit.md docs/reliability.md" "target/file-modes.md docs/reliability.md" \
            "target/runbook-walkthrough.md docs/runbook/README.md"; do
    read -r table doc <<<"$pair"
    name=$(basename "$table" .md)
    if [ "$#" -gt 0 ] && [[ " $* " != *" $name "* ]]; then
        continue
    fi
    [ -f "$table" ] || { echo "skipped $table: not generated (run its tests first)" >&2; continue; }
    python3 - "$doc" "$table" "$name" <<'PY'
import sys
doc, table, name = sys.argv[1:]
text = open(doc, encoding="utf-8").read()
rows = open(table, encoding="utf-8").read()
if rows.startswith("#"):
    rows = rows.split("\n", 2)[2]   # without its heading
rows = rows.strip("\n")
start = "<!-- table: %s (generated, see testbed/reliability-tables.sh) -->" % name
end = "<!-- end: %s -->" % name
if start not in text or end not in text:
    sys.exit("%s has no %s ... %s markers" % (doc, start, end))
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
open(doc, "w", encoding="utf-8").write(head + start + "\n" + rows + "\n" + end + tail)
PY
    echo "updated $doc from $table"
    updated=$((updated + 1))
done
[ "$updated" -gt 0 ] || { echo "no generated table in target/: run the tests first" >&2; exit 1; }
