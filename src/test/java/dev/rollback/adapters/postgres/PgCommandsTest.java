package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                commands.runScriptFromStdin("merq_scratch"), commands.restoreArchive("merq_scratch", OUT, 1)}) {
                assertThat(String.join(" ", spec.argv())).doesNotContain(PASSWORD);
            }
        }
    }

    @Test
    void directoryDumpOnTheHostWritesTheDirectoryItself() {
        ProcessSpec spec = PgCommands.onHost(TARGET).dump(DumpFormat.DIRECTORY, Path.of("/backups/merq.dir"));

        assertThat(spec.argv()).contains("--format=d", "--file=/backups/merq.dir");
        assertThat(spec.stdoutFile()).isNull();
        assertThat(spec.ownerOnlyFiles()).as("pg_dump creates the directory's files with its own umask").isTrue();
        assertThat(spec.displayName()).isEqualTo("pg_dump");
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

    /** No --single-transaction: psql would commit a cut stream at its end; the stream carries BEGIN/COMMIT. */
    @Test
    void psqlReadsTheScriptFromStdinAndStopsAtTheFirstError() {
        ProcessSpec spec = PgCommands.onHost(TARGET).runScriptFromStdin("merq_scratch");

        assertThat(spec.argv()).containsExactly("psql", "--host=db.internal", "--port=6432", "--username=merq_app",
            "--no-password", "-X", "--quiet", "--set=ON_ERROR_STOP=1", "--dbname=merq_scratch", "--file=-");
        assertThat(spec.environment()).isEqualTo(Map.of("PGPASSWORD", PASSWORD));
        assertThat(spec.timeout()).isEqualTo(PgCommands.RESTORE_TIMEOUT);
    }

    @Test
    void containerPsqlGetsTheScriptThroughDockerExecStdin() {
        ProcessSpec spec = PgCommands.inContainer(TARGET).runScriptFromStdin("merq_scratch");

        assertThat(spec.argv()).startsWith("docker", "exec", "-i", "-e", "PGPASSWORD", "merq-postgres", "psql",
            "--host=127.0.0.1", "--port=5432").endsWith("--dbname=merq_scratch", "--file=-");
    }

    @Test
    void hostPgRestoreOpensTheArchiveWithParallelJobs() {
        ProcessSpec spec = PgCommands.onHost(TARGET).restoreArchive("merq_scratch", OUT, 4);

        assertThat(spec.argv()).containsExactly("pg_restore", "--host=db.internal", "--port=6432",
            "--username=merq_app", "--no-password", "--exit-on-error", "--no-owner", "--no-acl", "--jobs=4",
            "--dbname=merq_scratch", OUT.toString());
        assertThat(spec.stdinFile()).isNull();
        assertThat(spec.environment()).isEqualTo(Map.of("PGPASSWORD", PASSWORD));
    }

    @Test
    void oneJobMeansNoJobsOption() {
        assertThat(PgCommands.onHost(TARGET).restoreArchive("merq_scratch", OUT, 1).argv())
            .noneMatch(arg -> arg.startsWith("--jobs"));
    }

    @Test
    void containerPgRestoreStreamsTheArchiveAndCannotRunInParallel() {
        ProcessSpec spec = PgCommands.inContainer(TARGET).restoreArchive("merq_scratch", OUT, 1);

        assertThat(spec.argv()).startsWith("docker", "exec", "-i", "-e", "PGPASSWORD", "merq-postgres", "pg_restore")
            .endsWith("--no-acl", "--dbname=merq_scratch");
        assertThat(spec.stdinFile()).isEqualTo(OUT);
        assertThatThrownBy(() -> PgCommands.inContainer(TARGET).restoreArchive("merq_scratch", OUT, 2))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutPasswordNothingIsForwarded() {
        PgTarget noPassword = new PgTarget("localhost", 5432, "merq", "merq", null, "pg", 5432, ToolsMode.CONTAINER);

        ProcessSpec spec = PgCommands.inContainer(noPassword).dump(DumpFormat.CUSTOM, OUT);

        assertThat(spec.argv()).doesNotContain("-e", "PGPASSWORD");
        assertThat(spec.environment()).isEmpty();
    }
}
