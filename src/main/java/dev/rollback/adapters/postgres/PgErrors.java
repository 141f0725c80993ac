package dev.rollback.adapters.postgres;

import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns JDBC exceptions and failed client tools into {@link RollbackException}s with the contract's
 * exit codes: 4 when the database cannot be reached or refuses the login, 3 when a precondition
 * fails, 1 when a query or tool fails on a reachable database. Every message passes through
 * {@link #redact} so that the password cannot leak even if a server or tool ever echoed it.
 */
final class PgErrors {
    private static final String INVALID_PASSWORD = "28P01";
    private static final String INVALID_AUTHORIZATION = "28000";
    private static final String INVALID_CATALOG = "3D000";
    private static final String QUERY_CANCELED = "57014";
    /** pgjdbc's state when the server asks for a password and none was given. */
    private static final String CONNECTION_REJECTED = "08004";

    private final PgTarget target;

    PgErrors(PgTarget target) {
        this.target = target;
    }

    /** A failure while connecting to the configured database: always exit 4, the database is not usable. */
    RollbackException connectFailed(SQLException e) {
        return connectFailed(e, target.database());
    }

    /**
     * A failure while connecting to {@code database}: exit 4 like {@link #connectFailed(SQLException)},
     * except that another database (a scratch copy, a kept old one) missing is a failed precondition, exit 3.
     */
    RollbackException connectFailed(SQLException e, String database) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals(INVALID_CATALOG) && !database.equals(target.database())) {
            return new RollbackException(ExitCode.REFUSED, redact("database " + database + " does not exist at "
                + target.address()), e);
        }
        if (state.equals(INVALID_PASSWORD) || state.equals(INVALID_AUTHORIZATION)) {
            return unreachable(passwordRejected(), e);
        }
        if (state.equals(CONNECTION_REJECTED) && target.password() == null) {
            return unreachable(noPassword(), e);
        }
        if (state.equals(INVALID_CATALOG)) {
            return unreachable(missingDatabase(), e);
        }
        return unreachable(cannotReach(reason(e)), e);
    }

    /** A failure of a query on an open connection: exit 1 with the server's message, or 4 if the connection broke. */
    RollbackException queryFailed(SQLException e, int timeoutSeconds) {
        return statementFailed("query on " + target.describe(), e, timeoutSeconds);
    }

    /** As {@link #queryFailed(SQLException, int)}, for a query on {@code database}. */
    RollbackException queryFailed(SQLException e, int timeoutSeconds, String database) {
        return database.equals(target.database()) ? queryFailed(e, timeoutSeconds)
            : statementFailed("query on database " + database + " at " + target.address(), e, timeoutSeconds);
    }

    /**
     * A statement that failed on an open connection, named by {@code action} ("CREATE DATABASE
     * merq_scratch"): exit 1 with the server's one-line message, exit 4 if the connection broke.
     */
    RollbackException statementFailed(String action, SQLException e, int timeoutSeconds) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            return unreachable(cannotReach("the connection broke during " + action + ": " + firstLine(e.getMessage())), e);
        }
        if (state.equals(QUERY_CANCELED)) {
            return new RollbackException(ExitCode.FAILED, redact(action + " did not finish within " + timeoutSeconds
                + "s and was cancelled"), e);
        }
        return new RollbackException(ExitCode.FAILED, redact(action + " failed: " + firstLine(e.getMessage())), e);
    }

    /**
     * A client tool exited non-zero. Login problems get the same exit 4 messages as JDBC; docker
     * not answering or the container gone is exit 4 too; anything else is exit 1 with the tool's
     * own error line.
     */
    RollbackException toolFailed(String toolName, ProcessResult result) {
        RollbackException unreachable = toolCouldNotWork(toolName, result);
        if (unreachable != null) {
            return unreachable;
        }
        String line = redact(errorLine(result));
        return RollbackException.failed(toolName + " failed on " + target.describe() + " (exit " + result.exitCode()
            + ")" + (line.isEmpty() ? "" : ": " + line));
    }

    /**
     * psql or pg_restore failed while restoring into {@code database}: exit 4 as in
     * {@link #toolFailed} when the tool could not get to work, else exit 1 with the tool's error
     * line, which names the failing statement's line for psql ("psql:&lt;stdin&gt;:42: ERROR: ...").
     */
    RollbackException restoreFailed(String toolName, String database, Path dump, ProcessResult result) {
        RollbackException unreachable = toolCouldNotWork(toolName, result);
        if (unreachable != null) {
            return unreachable;
        }
        String cut = archiveCut(result.stderrTail());
        if (cut != null) {
            // The table of contents is all a check before a restore into scratch reads of an archive.
            return RollbackException.refused("backup " + dump + " cannot be restored: the archive is truncated or"
                + " corrupt (" + redact(cut) + ")");
        }
        String line = redact(errorLine(result));
        return RollbackException.failed("restoring " + dump + " into database " + database + " failed (" + toolName
            + " exit " + result.exitCode() + ")" + (line.isEmpty() ? "" : ": " + line));
    }

    /**
     * pg_restore's line saying the archive ends early or is damaged, else null. With several jobs
     * its last line is "a worker process died unexpectedly"; the worker's reason comes before it.
     */
    static String archiveCut(String stderr) {
        for (String line : stderr.lines().toList()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.contains("could not read from input file") || lower.contains("possibly corrupt archive")
                || lower.contains("unexpected end of file") || lower.contains("could not uncompress data")) {
                return line.strip();
            }
        }
        return null;
    }

    /** The failures that mean the tool never got to work on the data: exit 4 or 3; null for others. */
    private RollbackException toolCouldNotWork(String toolName, ProcessResult result) {
        String lower = result.stderrTail().toLowerCase(Locale.ROOT);
        String line = redact(errorLine(result));
        if (lower.contains("password authentication failed")) {
            return new RollbackException(ExitCode.UNREACHABLE, passwordRejected());
        }
        if (lower.contains("no password supplied")) {
            return new RollbackException(ExitCode.UNREACHABLE, target.password() == null ? noPassword() : passwordRejected());
        }
        if (lower.contains("database \"" + target.database().toLowerCase(Locale.ROOT) + "\" does not exist")) {
            return new RollbackException(ExitCode.UNREACHABLE, missingDatabase());
        }
        if (lower.contains("connection to server") && lower.contains("failed")) {
            return new RollbackException(ExitCode.UNREACHABLE, cannotReach(line));
        }
        if (lower.contains("cannot connect to the docker daemon")) {
            return new RollbackException(ExitCode.UNREACHABLE, "Docker does not answer, so " + toolName
                + " cannot run in container " + target.container() + ": " + line);
        }
        if (lower.contains("no such container") || lower.contains("is not running")) {
            return new RollbackException(ExitCode.UNREACHABLE, "database container " + target.container()
                + " is not running: " + line);
        }
        if (lower.contains("server version mismatch")) {
            return RollbackException.refused(line + "; use client tools at least as new as the server");
        }
        return null;
    }

    /** Replaces every occurrence of the password; a short password mangles a message rather than leaking. */
    String redact(String text) {
        String password = target.password();
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "***");
    }

    /**
     * The tool's "error:" line (pg_dump, pg_restore) or "ERROR:" line (psql running a script), which
     * says what happened; the lines after it (LINE, CONTEXT, hints) only add detail.
     */
    static String errorLine(ProcessResult result) {
        for (String line : result.stderrTail().split("\n")) {
            if (line.contains("error:") || line.contains("ERROR:") || line.startsWith("Error")) {
                return line.trim();
            }
        }
        return result.lastErrorLine();
    }

    private String passwordRejected() {
        return redact("the password for user " + target.user() + (target.passwordSource() == null ? ""
            : " (from " + target.passwordSource() + ")") + " was rejected by database " + target.database()
            + " at " + target.address() + "; check the password and the server's pg_hba.conf");
    }

    private String noPassword() {
        return redact("database " + target.database() + " at " + target.address() + " asks for a password for user "
            + target.user() + " but none was given" + (target.passwordSource() == null ? ""
            : "; set " + target.passwordSource()));
    }

    private String missingDatabase() {
        return redact("database " + target.database() + " does not exist at " + target.address()
            + "; check database.name (or DB_NAME)");
    }

    private String cannotReach(String reason) {
        return redact("cannot reach database " + target.database() + " at " + target.address() + ": " + reason
            + "; is PostgreSQL running there and are database.host and database.port right?");
    }

    private RollbackException unreachable(String message, SQLException cause) {
        return RollbackException.unreachable(redact(message), cause);
    }

    /** The most telling cause: network exceptions say more than the driver's generic wrapper. */
    private static String reason(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + firstLine(t.getMessage());
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer within " + PgJdbc.CONNECT_TIMEOUT_SECONDS + "s";
            }
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        String first = message.strip().lines().findFirst().orElse("");
        // Server messages come as "ERROR: relation "x" does not exist"; the severity adds nothing.
        return first.replaceFirst("^(ERROR|FATAL):\\s+", "");
    }
}
