package dev.rollback.adapters.postgres;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one database in place of another by renaming, on the maintenance database:
 * <ol>
 *   <li>{@code ALLOW_CONNECTIONS false} on both, so nothing reconnects while sessions are ended;</li>
 *   <li>{@code pg_terminate_backend} of every session on either, until none is left (bounded:
 *       RENAME fails while anyone is connected);</li>
 *   <li>in one transaction: live → set-aside name, replacement → live, and connections allowed on
 *       both again. One transaction because then the live name can never be left missing: if the
 *       second rename fails, or this process dies between the two, the server rolls the first back.</li>
 * </ol>
 * On any failure the databases that still exist accept connections again before the error is thrown.
 */
final class DatabaseSwap {
    private static final Logger log = LoggerFactory.getLogger(DatabaseSwap.class);
    static final Duration SESSIONS_GONE_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;
    private static final String OTHER_SESSIONS = "SELECT pid::text FROM pg_catalog.pg_stat_activity"
        + " WHERE datname IN (?, ?) AND pid <> pg_catalog.pg_backend_pid()";

    /** How the two databases other than live are called in messages: the swap's and the undo's words differ. */
    record Roles(String replacement, String setAside) {
        static final Roles SWAP = new Roles("scratch database", "name for the kept old database");
        static final Roles UNDO = new Roles("kept old database", "name for the replaced database");
    }

    private final PgTarget target;
    private final PgJdbc jdbc;
    private final PgErrors errors;

    DatabaseSwap(PgTarget target, PgJdbc jdbc, PgErrors errors) {
        this.target = target;
        this.jdbc = jdbc;
        this.errors = errors;
    }

    SwapResult run(String live, String replacement, String setAside, Roles roles) {
        String liveSql = SqlNames.quoted("live database", live);
        String replacementSql = SqlNames.quoted(roles.replacement(), replacement);
        String setAsideSql = SqlNames.quoted(roles.setAside(), setAside);
        requireDistinctAndNotSystem(live, replacement, setAside);
        try (MaintenanceSession session = MaintenanceSession.open(jdbc, errors)) {
            requireState(session, live, replacement, setAside, roles);
            long closedAt = System.nanoTime();
            List<String> closed = new ArrayList<>();
            try {
                session.execute(allowConnections(liveSql, false));
                closed.add(live);
                session.execute(allowConnections(replacementSql, false));
                closed.add(replacement);
                int terminated = endSessions(session, live, replacement);
                long renaming = System.nanoTime();
                session.executeAtomically(List.of(
                    "ALTER DATABASE " + liveSql + " RENAME TO " + setAsideSql,
                    "ALTER DATABASE " + replacementSql + " RENAME TO " + liveSql,
                    allowConnections(liveSql, true),
                    allowConnections(setAsideSql, true)));
                long open = System.nanoTime();
                SwapResult result = new SwapResult(live, setAside, Duration.ofNanos(open - renaming),
                    Duration.ofNanos(open - closedAt), terminated);
                log.info("database {} is now the former {}; the previous {} is kept as {} ({} sessions ended,"
                        + " renames took {} ms, connections refused for {} ms)", live, replacement, live, setAside,
                    terminated, String.format("%.1f", result.renameWindowMillis()), result.connectionsRefused().toMillis());
                return result;
            } catch (RollbackException e) {
                throw reopened(e, live, setAside, closed);
            }
        }
    }

    private void requireDistinctAndNotSystem(String live, String replacement, String setAside) {
        if (Stream.of(live, replacement, setAside).distinct().count() < 3) {
            throw RollbackException.usage("the live, replacement and kept database names must differ: " + live + ", "
                + replacement + ", " + setAside);
        }
        for (String name : List.of(live, replacement, setAside)) {
            if (SqlNames.SYSTEM_DATABASES.contains(name)) {
                throw RollbackException.refused("database " + name + " is a system database and is never renamed");
            }
        }
    }

    private void requireState(MaintenanceSession session, String live, String replacement, String setAside, Roles roles) {
        if (!session.databaseExists(live)) {
            throw RollbackException.refused("live database " + live + " does not exist at " + target.address());
        }
        if (!session.databaseExists(replacement)) {
            throw RollbackException.refused(roles.replacement() + " " + replacement + " does not exist at "
                + target.address() + "; nothing to put in place of " + live);
        }
        if (session.databaseExists(setAside)) {
            throw RollbackException.refused("database " + setAside + " already exists at " + target.address()
                + ", so " + live + " cannot be renamed to it; drop it or choose another " + roles.setAside());
        }
    }

    /** Ends every other session on the two databases and waits until they are gone; returns how many were ended. */
    private int endSessions(MaintenanceSession session, String live, String replacement) {
        Set<String> ended = new HashSet<>();
        long deadline = System.nanoTime() + SESSIONS_GONE_TIMEOUT.toNanos();
        while (true) {
            List<String> remaining = session.strings(OTHER_SESSIONS, live, replacement);
            if (remaining.isEmpty()) {
                return ended.size();
            }
            if (System.nanoTime() > deadline) {
                throw RollbackException.failed(remaining.size() + " sessions are still connected to " + live + " or "
                    + replacement + " " + SESSIONS_GONE_TIMEOUT.toSeconds() + "s after being terminated (pids "
                    + String.join(", ", remaining) + "); nothing was renamed");
            }
            for (String pid : remaining) {
                // Terminating a session that is already on its way out returns false: not counted twice.
                if (session.strings("SELECT pg_catalog.pg_terminate_backend(?::integer)::text", pid).equals(List.of("true"))) {
                    ended.add(pid);
                }
            }
            pause();
        }
    }

    /**
     * After a failure: puts the live name back if it went missing (it cannot inside one
     * transaction, but this is the rule the swap exists to keep), then lets the databases this swap
     * closed accept connections again, each on its own so one failure does not keep the others
     * closed. Returns the failure with the final state added.
     */
    private RollbackException reopened(RollbackException failure, String live, String setAside, List<String> closed) {
        List<String> reopened = new ArrayList<>();
        List<String> stillClosed = new ArrayList<>(closed);
        String problem = null;
        try (MaintenanceSession session = MaintenanceSession.open(jdbc, errors)) {
            if (!session.databaseExists(live) && session.databaseExists(setAside)) {
                session.execute("ALTER DATABASE " + SqlNames.quoted("kept database", setAside) + " RENAME TO "
                    + SqlNames.quoted("live database", live));
            }
            for (String name : closed) {
                try {
                    if (session.databaseExists(name)) {
                        session.execute(allowConnections(SqlNames.quoted("database", name), true));
                        reopened.add(name);
                    }
                    stillClosed.remove(name);
                } catch (RollbackException e) {
                    problem = e.getMessage();
                }
            }
        } catch (RollbackException e) {
            problem = e.getMessage();
        }
        StringBuilder message = new StringBuilder(failure.getMessage());
        if (!reopened.isEmpty()) {
            message.append("; ").append(String.join(", ", reopened)).append(" accept")
                .append(reopened.size() == 1 ? "s" : "").append(" connections again");
        }
        if (problem != null) {
            log.error("could not re-open {} after a failed swap: {}", stillClosed, problem);
            message.append("; re-opening failed (").append(problem).append("): run ")
                .append(stillClosed.stream().map(name -> allowConnections(SqlNames.quoted("database", name), true))
                    .collect(Collectors.joining("; "))).append(" on the maintenance database");
        }
        return new RollbackException(failure.exitCode(), message.toString(), failure);
    }

    private static String allowConnections(String quotedName, boolean allow) {
        return "ALTER DATABASE " + quotedName + " WITH ALLOW_CONNECTIONS " + allow;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RollbackException(ExitCode.INTERRUPTED, "interrupted while ending sessions before a database swap");
        }
    }
}
