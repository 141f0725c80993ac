package dev.rollback.cli;

import java.util.List;

/** The parts of rollback(1) that the picocli model does not hold: exit status, environment, files. */
final class ManSections {
    private ManSections() {
    }

    static List<String> root() {
        return List.of(exitStatus(), environment(), files());
    }

    private static String exitStatus() {
        return """
            .SH EXIT STATUS
            .TP
            \\fB0\\fR
            succeeded, or with \\-\\-dry\\-run the plan is valid
            .TP
            \\fB1\\fR
            the rollback ran and failed (a step or the health gate); the report says what state the stack is in
            .TP
            \\fB2\\fR
            usage error: unknown option, bad value, bad configuration
            .TP
            \\fB3\\fR
            refused or precondition failed: backup missing or corrupt, nothing to roll back to, lock held, confirmation declined or impossible, revert conflict
            .TP
            \\fB4\\fR
            a dependency is unreachable: Docker daemon, database, git remote, an HTTP API
            .TP
            \\fB130\\fR
            interrupted (SIGINT/SIGTERM); the journal records it
            """;
    }

    private static String environment() {
        return """
            .SH ENVIRONMENT
            .TP
            \\fBROLLBACK_CONFIG\\fR
            the stack description when \\-\\-config is not given (default ./rollback.yml)
            .TP
            \\fBDB_HOST\\fR, \\fBDB_USER\\fR, \\fBDB_NAME\\fR
            override database.host, database.user and database.name, as in the runbook
            .TP
            \\fBNO_COLOR\\fR
            any non\\-empty value turns colour off (https://no\\-color.org); colour is only used on a terminal
            .TP
            \\fBROLLBACK_JAR\\fR, \\fBROLLBACK_JAVA_OPTS\\fR
            the launcher: which jar to run, extra JVM options
            """;
    }

    private static String files() {
        return """
            .SH FILES
            .TP
            \\fIrollback.yml\\fR
            the stack description (see docs/configuration.md)
            .TP
            \\fI<state\\-dir>/journal.jsonl\\fR, \\fIreleases.jsonl\\fR, \\fIlock\\fR
            the journal of every run, the release ledger, the run lock
            """;
    }
}
