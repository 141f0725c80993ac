package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.adapters.process.ProcessSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgCommandsTest {
    private static final String PASSWORD = "Sup3r-S3cret!";
    private static final PgTarget TARGET = new PgTarget("db.internal", 6432, "merq", "merq_app", PASSWORD,
        "merq-postgres", 5432, ToolsMode.AUTO);
    private static final Path OUT = Path.of("/backups/merq_20240101_120000.dump");

    @Test
    void hostDumpConnectsDirectlyAndStreamsToTheFile() {
        ProcessSpec spec = PgCommands.onHost(TARGET).dump(DumpFormat.CUSTOM, OUT);

        assertThat(spec.argv()).containsExactly("pg_dump", "--host=db.internal", "--port=6432",
            "--username=merq_app", "--no-password", "--format=c", "--dbname=merq");
        assertThat(spec.environment()).isEqualTo(Map.of("PGPASSWORD", PASSWORD));
        assertThat(spec.stdoutFile()).isEqualTo(OUT);
        assertThat(spec.timeout()).isEqualTo(PgCommands.DUMP_TIMEOUT);
    }

    @Test
    void containerDumpForwardsThePasswordByNameOnly() {
        ProcessSpec spec = PgCommands.inContainer(TARGET).dump(DumpFormat.PLAIN, OUT);

        assertThat(spec.argv()).containsExactly("docker", "exec", "-i", "-e", "PGPASSWORD", "merq-postgres",
            "pg_dump", "--host=127.0.0.1", "--port=5432", "--username=merq_app", "--no-password", "--format=p",
            "--dbname=merq");
        // The docker CLI gets the value in its environment and forwards it; it is in no argv.
        assertThat(spec.environment()).isEqualTo(Map.of("PGPASSWORD", PASSWORD));
        assertThat(spec.stdoutFile()).isEqualTo(OUT);
    }

    @Test
    void noArgvEverHoldsThePassword() {
        for (PgCommands commands : new PgCommands[] {PgCommands.onHost(TARGET), PgCommands.inContainer(TARGET)}) {
            for (ProcessSpec spec : new ProcessSpec[] {commands.dump(DumpFormat.TAR, OUT), commands.pgDumpVersion(),
                commands.listArchive(OUT), commands.readWholeArchive(OUT),
                commands.runSqlScript("merq_scratch", Path.of("/tmp/d.sql"))}) {
                assertThat(String.join(" ", spec.argv())).doesNotContain(PASSWORD);
            }
        }
    }

    @Test
    void directoryDumpOnTheHostWritesTheDirectoryItself() {
        ProcessSpec spec = PgCommands.onHost(TARGET).dump(DumpFormat.DIRECTORY, Path.of("/backups/merq.dir"));

        assertThat(spec.argv()).contains("--format=d", "--file=/backups/merq.dir");
        assertThat(spec.stdoutFile()).isNull();
    }

    @Test
    void hostPgRestoreOpensTheArchiveAndNeedsNoPassword() {
        ProcessSpec list = PgCommands.onHost(TARGET).listArchive(OUT);
        ProcessSpec read = PgCommands.onHost(TARGET).readWholeArchive(OUT);

        assertThat(list.argv()).containsExactly("pg_restore", "--list", OUT.toString());
        assertThat(read.argv()).containsExactly("pg_restore", "--file=/dev/null", OUT.toString());
        assertThat(list.environment()).isEmpty();
        assertThat(list.timeout()).isEqualTo(PgCommands.LIST_TIMEOUT);
    }

    @Test
    void containerPgRestoreReadsTheArchiveFromStdin() {
        ProcessSpec spec = PgCommands.inContainer(TARGET).listArchive(OUT);

        assertThat(spec.argv()).containsExactly("docker", "exec", "-i", "merq-postgres", "pg_restore", "--list");
        assertThat(spec.stdinFile()).isEqualTo(OUT);
        assertThat(spec.environment()).isEmpty();
    }

    @Test
    void sqlScriptRunsAllOrNothing() {
        ProcessSpec spec = PgCommands.onHost(TARGET).runSqlScript("merq_scratch", Path.of("/tmp/d.sql"));

        assertThat(spec.argv()).containsSubsequence("psql", "-X", "--set=ON_ERROR_STOP=1", "--single-transaction",
            "--dbname=merq_scratch", "--file=/tmp/d.sql");
        assertThat(spec.environment()).containsEntry("PGPASSWORD", PASSWORD);
    }

    @Test
    void withoutPasswordNothingIsForwarded() {
        PgTarget noPassword = new PgTarget("localhost", 5432, "merq", "merq", null, "pg", 5432, ToolsMode.CONTAINER);

        ProcessSpec spec = PgCommands.inContainer(noPassword).dump(DumpFormat.CUSTOM, OUT);

        assertThat(spec.argv()).doesNotContain("-e", "PGPASSWORD");
        assertThat(spec.environment()).isEmpty();
    }
}
