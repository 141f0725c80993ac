package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.process.ProcessSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The argv of pg_basebackup, pg_receivewal and the replication probe: what they connect to, where the WAL goes. */
class PgWalCommandsTest {
    private static final String PASSWORD = "Sup3r-S3cret!";
    private static final PgTarget TARGET = new PgTarget("db.internal", 6432, "merq", "merq_app", PASSWORD,
        "merq-postgres", 5432, ToolsMode.AUTO);
    private static final Path TAR = Path.of("/backups/base/.20261203T112200Z.partial/base.tar.gz");

    @Test
    void baseBackupWritesOneGzippedTarWithItsWalToTheFile() {
        ProcessSpec spec = PgCommands.onHost(TARGET).baseBackup(TAR);

        assertThat(spec.argv()).containsExactly("pg_basebackup", "--host=db.internal", "--port=6432",
            "--username=merq_app", "--no-password", "--pgdata=-", "--format=tar", "--gzip", "--wal-method=fetch",
            "--checkpoint=fast", "--label=rollback", "--verbose");
        assertThat(spec.stdoutFile()).isEqualTo(TAR);
        assertThat(spec.environment()).isEqualTo(Map.of("PGPASSWORD", PASSWORD));
    }

    @Test
    void baseBackupInTheContainerStreamsThroughDockerExec() {
        ProcessSpec spec = PgCommands.inContainer(TARGET).baseBackup(TAR);

        assertThat(spec.argv()).startsWith("docker", "exec", "-i", "-e", "PGPASSWORD", "merq-postgres", "pg_basebackup",
            "--host=127.0.0.1", "--port=5432");
        assertThat(spec.stdoutFile()).isEqualTo(TAR);
    }

    @Test
    void receiverStreamsThroughTheSlotIntoTheDirectoryUnderUmask077() {
        ProcessSpec spec = PgCommands.onHost(TARGET).receiveWal(Path.of("/backups/wal"), "rollback_archive");

        assertThat(spec.ownerOnlyFiles()).isTrue();
        assertThat(spec.argv()).endsWith("pg_receivewal", "--host=db.internal", "--port=6432", "--username=merq_app",
            "--no-password", "--directory=/backups/wal", "--slot=rollback_archive", "--synchronous", "--no-loop");
        assertThat(spec.environment()).isEqualTo(Map.of("PGPASSWORD", PASSWORD));
    }

    @Test
    void receiverRefusesTheContainerWhereItsFilesWouldLandInside() {
        assertThatThrownBy(() -> PgCommands.inContainer(TARGET).receiveWal(Path.of("/backups/wal"), "rollback_archive"))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void replicationProbeAsksForAPhysicalReplicationConnection() {
        ProcessSpec spec = PgCommands.onHost(TARGET).identifySystem();

        assertThat(spec.argv()).containsExactly("psql", "--host=db.internal", "--port=6432", "--username=merq_app",
            "--no-password", "-X", "--no-align", "--tuples-only", "--dbname=replication=true",
            "--command=IDENTIFY_SYSTEM");
    }

    @Test
    void noArgvHoldsThePassword() {
        for (PgCommands commands : new PgCommands[] {PgCommands.onHost(TARGET), PgCommands.inContainer(TARGET)}) {
            for (ProcessSpec spec : new ProcessSpec[] {commands.baseBackup(TAR), commands.identifySystem()}) {
                assertThat(String.join(" ", spec.argv())).doesNotContain(PASSWORD);
            }
        }
        assertThat(String.join(" ", PgCommands.onHost(TARGET).receiveWal(Path.of("/w"), "s").argv()))
            .doesNotContain(PASSWORD);
    }
}
