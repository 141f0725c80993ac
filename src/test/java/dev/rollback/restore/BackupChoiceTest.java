package dev.rollback.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.backup.BackupStore;
import dev.rollback.backup.DumpInspector;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backup latest} with several stacks' dumps in one backups dir. */
class BackupChoiceTest {
    private static final String COMPLETE = "select 1;\n-- PostgreSQL database dump complete\n";

    @TempDir
    Path dir;

    private Path choose(String wanted, String database) {
        return BackupChoice.resolve(wanted, new BackupStore(dir, Clock.systemUTC()), new DumpInspector(null), database);
    }

    @Test
    void latestIsTheNewestDumpOfThisStacksDatabaseNeverAnothers() throws IOException {
        Path ours = Files.writeString(dir.resolve("merq_20261201_020000.sql"), COMPLETE);
        Files.writeString(dir.resolve("shop_20261202_020000.sql"), COMPLETE);
        Files.writeString(dir.resolve("merq_staging_20261203_020000.sql"), COMPLETE);
        Files.writeString(dir.resolve("pre_restore_20261204_020000.sql"), COMPLETE);

        assertThat(choose("latest", "merq")).isEqualTo(ours);
        assertThat(choose("latest", "shop")).isEqualTo(dir.resolve("shop_20261202_020000.sql"));
    }

    @Test
    void aDumpLabelledOursThatCreatesAnotherDatabaseIsPassedOver() throws IOException {
        Path ours = gzip("merq_20261201_020000.sql.gz", "CREATE DATABASE merq;\n\\connect merq\n" + COMPLETE);
        gzip("merq_20261202_020000.sql.gz", "CREATE DATABASE shop;\n\\connect shop\n" + COMPLETE);

        assertThat(choose("latest", "merq")).isEqualTo(ours);
    }

    @Test
    void noDumpOfThisDatabaseIsRefusedNamingWhatWasLookedFor() throws IOException {
        Files.writeString(dir.resolve("shop_20261202_020000.sql"), COMPLETE);

        assertThatThrownBy(() -> choose("latest", "merq"))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).isEqualTo("no complete backup of database merq"
                    + " (merq_YYYYMMDD_HHMMSS.sql, .sql.gz, .dump, .tar or .dir) in " + dir
                    + "; name one with --backup FILE, or list them with `rollback backups`");
            });
    }

    private Path gzip(String name, String sql) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(sql.getBytes());
        }
        return file;
    }
}
