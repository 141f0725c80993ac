#!/usr/bin/env bash
# Copies the tables the tests generate into docs/reliability.md, each under its own heading:
#   target/bad-input-catalogue.md  → "## Bad-input catalogue"  (BadInputCatalogueTest, BadInputStackIT)
#   target/secret-audit.md         → "## Secret audit"         (SecretAuditIT)
# Each generated file starts with its heading; the section in the doc is replaced from that heading
# up to its "<!-- end: ... -->" marker, so the prose around the tables stays as written.
# Run the tests first:
#   mvn -B -o test -Dtest=BadInputCatalogueTest
#   mvn -B -o failsafe:integration-test failsafe:verify -Dit.test='BadInputStackIT,SecretAuditIT'
set -euo pipefail
cd "$(dirname "$0")/.."
doc=docs/reliability.md
for table in target/bad-input-catalogue.md target/secret-audit.md; do
    [ -f "$table" ] || { echo "missing $table: run the tests first" >&2; exit 1; }
    name=$(basename "$table" .md)
    python3 - "$doc" "$table" "$name" <<'PY'
import sys
doc, table, name = sys.argv[1:]
text = open(doc, encoding="utf-8").read()
rows = open(table, encoding="utf-8").read().split("\n", 2)[2].strip("\n")   # without its heading
start = "<!-- table: %s (generated, see testbed/reliability-tables.sh) -->" % name
end = "<!-- end: %s -->" % name
if start not in text or end not in text:
    sys.exit("%s has no %s ... %s markers" % (doc, start, end))
head, rest = text.split(start, 1)
_, tail = rest.split(end, 1)
open(doc, "w", encoding="utf-8").write(head + start + "\n" + rows + "\n" + end + tail)
PY
done
echo "updated $doc"
