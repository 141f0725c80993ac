package dev.rollback.adapters.postgres;

/**
 * Where the client tools were found: on the host (container null) or inside a container, and the
 * version of their pg_dump.
 */
record ToolsLocation(String container, ToolVersion pgDump) {

    static ToolsLocation host(ToolVersion version) {
        return new ToolsLocation(null, version);
    }

    static ToolsLocation inContainer(String container, ToolVersion version) {
        return new ToolsLocation(container, version);
    }

    boolean inContainer() {
        return container != null;
    }

    /** "host pg_dump 15.18" or "container merq-postgres (pg_dump 15.18)". */
    String describe() {
        return inContainer()
            ? "container " + container + " (pg_dump " + pgDump.text() + ")"
            : "host pg_dump " + pgDump.text();
    }
}
