package dev.rollback.adapters.postgres;

import dev.rollback.core.RollbackException;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Decides where the client tools run. pg_dump cannot dump a server newer than itself, so the
 * chosen pg_dump's major version must be at least the server's. In {@code auto} mode the host's
 * tools win when they fit (no docker exec, the dump lands directly on this machine); otherwise the
 * database container's tools, which match the server by construction.
 */
final class ToolsLocator {

    /** Finds the pg_dump version on the host or in the container; empty when there is no pg_dump. */
    interface Probe {
        Optional<ToolVersion> pgDumpVersion(boolean inContainer);
    }

    private final PgTarget target;
    private final Probe probe;
    private final IntSupplier serverMajor;

    ToolsLocator(PgTarget target, Probe probe, IntSupplier serverMajor) {
        this.target = target;
        this.probe = probe;
        this.serverMajor = serverMajor;
    }

    ToolsLocation locate() {
        return switch (target.tools()) {
            case HOST -> host();
            case CONTAINER -> container();
            case AUTO -> auto();
        };
    }

    private ToolsLocation host() {
        ToolVersion version = probe.pgDumpVersion(false).orElseThrow(() -> RollbackException.refused(
            "pg_dump is not installed on this machine (database.tools: host); install the PostgreSQL "
                + "client tools or set database.tools: container"));
        return fitting(ToolsLocation.host(version), serverMajor.getAsInt());
    }

    private ToolsLocation container() {
        if (!target.hasContainer()) {
            throw RollbackException.usage("database.tools is container but database.container is not set");
        }
        return fitting(containerTools(), serverMajor.getAsInt());
    }

    private ToolsLocation auto() {
        int server = serverMajor.getAsInt();
        Optional<ToolVersion> hostVersion = probe.pgDumpVersion(false);
        if (hostVersion.isPresent() && hostVersion.get().canDump(server)) {
            return ToolsLocation.host(hostVersion.get());
        }
        if (target.hasContainer()) {
            return fitting(containerTools(), server);
        }
        String why = hostVersion
            .map(v -> "the host's pg_dump " + v.text() + " is older than the server (PostgreSQL " + server
                + ") and cannot dump it")
            .orElse("pg_dump is not installed on this machine");
        throw RollbackException.refused(why + ", and no database.container is configured to run the server's own"
            + " tools; install the PostgreSQL " + server + " client tools or set database.container");
    }

    private ToolsLocation containerTools() {
        ToolVersion version = probe.pgDumpVersion(true).orElseThrow(() -> RollbackException.refused(
            "container " + target.container() + " has no pg_dump on its PATH; set database.tools: host"
                + " or point database.container at the PostgreSQL container"));
        return ToolsLocation.inContainer(target.container(), version);
    }

    private static ToolsLocation fitting(ToolsLocation location, int server) {
        if (!location.pgDump().canDump(server)) {
            throw RollbackException.refused(location.describe() + " is older than the server (PostgreSQL " + server
                + ") and cannot dump it; use PostgreSQL " + server + " client tools or newer");
        }
        return location;
    }
}
