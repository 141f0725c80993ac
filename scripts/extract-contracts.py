#!/usr/bin/env python3
"""Copy the operations this tool calls out of the vendors' published API documents into
src/test/resources/contracts/, with every component they reference (transitively), so the
contract tests load a few hundred lines instead of DigitalOcean's 3 MB bundle.

Usage: scripts/extract-contracts.py [SPECS_DIR]   (default ../shared/specs)
Re-run it after replacing the vendor files with newer ones, then run
  mvn -B -o test -Dtest='*Contract*'
The operation lists below must match ContractOperations in the tests (a test compares them).
"""
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "test", "resources", "contracts")

DOKPLOY = {
    "/deployment.all": ["get"],
    "/deployment.allByCompose": ["get"],
    "/application.redeploy": ["post"],
    "/compose.redeploy": ["post"],
    "/rollback.rollback": ["post"],
}
DIGITALOCEAN = {
    "/v2/droplets": ["post"],
    "/v2/droplets/{droplet_id}": ["get"],
    "/v2/droplets/{droplet_id}/snapshots": ["get"],
    "/v2/droplets/{droplet_id}/backups": ["get"],
    "/v2/droplets/{droplet_id}/actions": ["post"],
    "/v2/actions/{action_id}": ["get"],
    "/v2/domains/{domain_name}/records": ["get"],
    "/v2/domains/{domain_name}/records/{domain_record_id}": ["put"],
}


class NoAliases(yaml.SafeDumper):
    """Writes a shared example out twice rather than as a YAML alias, which parsers may limit."""

    def ignore_aliases(self, data):
        return True


def refs(node, found):
    """Every local $ref under node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/"):
                found.add(value)
            else:
                refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def resolve(doc, pointer):
    node = doc
    for part in pointer[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def put(target, pointer, value):
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer[2:].split("/")]
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def extract(doc, operations, keep_top):
    out = {key: doc[key] for key in keep_top if key in doc}
    out["paths"] = {}
    for path, methods in operations.items():
        item = doc["paths"][path]
        kept = {k: v for k, v in item.items() if k in methods or k == "parameters"}
        missing = [m for m in methods if m not in item]
        if missing:
            sys.exit(f"{path} has no {missing} in the vendor document")
        out["paths"][path] = kept
    # Security schemes are looked up by name, not by $ref: keep them all.
    if "securitySchemes" in doc.get("components", {}):
        put(out, "#/components/securitySchemes", doc["components"]["securitySchemes"])
    todo, done = set(), set()
    refs(out, todo)
    while todo:
        pointer = todo.pop()
        if pointer in done:
            continue
        done.add(pointer)
        value = resolve(doc, pointer)
        put(out, pointer, value)
        refs(value, todo)
    # Sorted, so a re-run on the same documents writes the same files.
    out["components"] = {section: dict(sorted(entries.items()))
                         for section, entries in sorted(out.get("components", {}).items())}
    return out, len(done)


def main():
    specs = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "specs")
    with open(os.path.join(specs, "dokploy-openapi.json")) as f:
        dokploy = json.load(f)
    out, n = extract(dokploy, DOKPLOY, ["openapi", "info", "servers", "security"])
    with open(os.path.join(OUT, "dokploy", "dokploy-openapi-extract.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"dokploy: {len(DOKPLOY)} paths, {n} components")

    with open(os.path.join(specs, "digitalocean-openapi.yaml")) as f:
        do = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out, n = extract(do, DIGITALOCEAN, ["openapi", "info", "servers", "security"])
    with open(os.path.join(OUT, "digitalocean", "digitalocean-openapi-extract.yaml"), "w") as f:
        yaml.dump(out, f, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=120)
    print(f"digitalocean: {len(DIGITALOCEAN)} paths, {n} components")


if __name__ == "__main__":
    main()
