package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PgErrorsTest {
    private static final String PASSWORD = "pa55-word-xyz";
    private final PgErrors errors = new PgErrors(new PgTarget("db", 5432, "merq", "merq", PASSWORD, "pg", 5432,
        ToolsMode.AUTO, "$DB_PASSWORD"));

    @Test
    void rejectedPasswordNamesTheUserAndTheVariable() {
        RollbackException e = errors.connectFailed(
            new SQLException("FATAL: password authentication failed for user \"merq\"", "28P01"));

        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).contains("password for user merq (from $DB_PASSWORD) was rejected",
            "database merq at db:5432");
    }

    @Test
    void missingDatabaseIsUnreachable() {
        RollbackException e = errors.connectFailed(new SQLException("FATAL: database \"merq\" does not exist", "3D000"));

        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).contains("database merq does not exist at db:5432");
    }

    @Test
    void refusedConnectionSaysSo() {
        SQLException wrapped = new SQLException("Connection to db:5432 refused.", "08001", new ConnectException("refused"));

        RollbackException e = errors.connectFailed(wrapped);

        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("cannot reach database merq at db:5432: connection refused");
    }

    @Test
    void failingQueryIsExitOneWithTheServersLine() {
        RollbackException e = errors.queryFailed(
            new SQLException("ERROR: relation \"nope\" does not exist\n  Position: 15", "42P01"), 30);

        assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(e.getMessage()).endsWith("failed: relation \"nope\" does not exist");
    }

    @Test
    void brokenConnectionDuringAQueryIsUnreachable() {
        assertThat(errors.queryFailed(new SQLException("An I/O error occurred", "08006"), 30).exitCode())
            .isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void aPasswordEchoedByAnyoneIsRedacted() {
        RollbackException e = errors.queryFailed(new SQLException("ERROR: syntax error at '" + PASSWORD + "'", "42601"), 30);

        assertThat(e.getMessage()).doesNotContain(PASSWORD).contains("***");
    }

    @Test
    void toolLoginFailuresMatchTheJdbcOnes() {
        ProcessResult wrongPassword = new ProcessResult(1, "", "pg_dump: error: connection to server at \"127.0.0.1\","
            + " port 5432 failed: FATAL:  password authentication failed for user \"merq\"");
        ProcessResult refused = new ProcessResult(1, "", "pg_dump: error: connection to server at \"db\", port 5432"
            + " failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?");

        assertThat(errors.toolFailed("pg_dump", wrongPassword))
            .returns(ExitCode.UNREACHABLE, RollbackException::exitCode)
            .hasMessageContaining("password for user merq (from $DB_PASSWORD) was rejected");
        assertThat(errors.toolFailed("pg_dump", refused))
            .returns(ExitCode.UNREACHABLE, RollbackException::exitCode)
            .hasMessageContaining("Connection refused");
    }

    @Test
    void otherToolFailuresAreExitOneWithTheErrorLine() {
        ProcessResult result = new ProcessResult(1, "", "pg_dump: error: query failed: ERROR:  permission denied for"
            + " table secrets\npg_dump: detail: Query was: LOCK TABLE public.secrets IN ACCESS SHARE MODE");

        RollbackException e = errors.toolFailed("pg_dump", result);

        assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(e.getMessage()).contains("(exit 1)", "permission denied for table secrets");
    }

    @Test
    void aMissingContainerIsUnreachable() {
        ProcessResult result = new ProcessResult(1, "", "Error response from daemon: No such container: pg");

        assertThat(errors.toolFailed("docker exec", result).exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void aFailedRestoreNamesTheDumpTheDatabaseAndPsqlsErrorLine() {
        ProcessResult result = new ProcessResult(3, "", "psql:<stdin>:42: ERROR:  division by zero\n"
            + "CONTEXT:  SQL function \"f\" statement 1");

        RollbackException e = errors.restoreFailed("psql", "merq_scratch", Path.of("/backups/merq.sql"), result);

        assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(e.getMessage()).isEqualTo("restoring /backups/merq.sql into database merq_scratch failed"
            + " (psql exit 3): psql:<stdin>:42: ERROR:  division by zero");
    }

    /** pg_restore on an archive cut short, as measured with --jobs 1 and --jobs 2: a bad backup, exit 3. */
    @Test
    void aTruncatedArchiveIsARefusedBackupWithTheWorkersReason() {
        ProcessResult twoJobs = new ProcessResult(1, "", "pg_restore: error: could not find block ID 3346 in archive --"
            + " possibly corrupt archive\npg_restore: error: a worker process died unexpectedly");
        ProcessResult oneJob = new ProcessResult(1, "", "pg_restore: error: could not read from input file: end of file");

        RollbackException e = errors.restoreFailed("pg_restore", "merq_scratch", Path.of("/backups/merq.dump"), twoJobs);

        assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(e.getMessage()).isEqualTo("backup /backups/merq.dump cannot be restored: the archive is truncated or"
            + " corrupt (pg_restore: error: could not find block ID 3346 in archive -- possibly corrupt archive)");
        assertThat(errors.restoreFailed("pg_restore", "merq_scratch", Path.of("/backups/merq.dump"), oneJob).getMessage())
            .endsWith("(pg_restore: error: could not read from input file: end of file)");
    }

    @Test
    void aRestoreThatCannotLogInIsUnreachableLikeTheOtherTools() {
        ProcessResult result = new ProcessResult(2, "", "psql: error: connection to server at \"127.0.0.1\", port 5432"
            + " failed: FATAL:  password authentication failed for user \"merq\"");

        RollbackException e = errors.restoreFailed("psql", "merq_scratch", Path.of("/backups/merq.sql"), result);

        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).contains("password for user merq (from $DB_PASSWORD) was rejected");
    }

    @Test
    void anotherMissingDatabaseIsAFailedPrecondition() {
        SQLException missing = new SQLException("FATAL: database \"merq_scratch\" does not exist", "3D000");

        assertThat(errors.connectFailed(missing, "merq_scratch"))
            .returns(ExitCode.REFUSED, RollbackException::exitCode)
            .hasMessage("database merq_scratch does not exist at db:5432");
        assertThat(errors.connectFailed(missing, "merq").exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void aFailedStatementIsNamedWithTheServersLine() {
        RollbackException e = errors.statementFailed("ALTER DATABASE \"merq\" RENAME TO \"merq_old\"",
            new SQLException("ERROR: database \"merq\" is being accessed by other users\n  Detail: 1 session", "55006"), 30);

        assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(e.getMessage()).isEqualTo("ALTER DATABASE \"merq\" RENAME TO \"merq_old\" failed: database"
            + " \"merq\" is being accessed by other users");
    }
}
