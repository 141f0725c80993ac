package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Restores of real pg_dump output into scratch databases, with the host's and the container's
 * tools: the rows come back, and a failed plain restore leaves nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgRestoreIT {
    private static final int USERS = 1000;
    private static final int ORDERS = 300;
    private static final String USER_ROWS = "select count(*) from users";
    private static final String ORDER_ROWS = "select count(*) from orders";

    private final AtomicInteger scratchNumber = new AtomicInteger();
    private final List<String> scratches = new ArrayList<>();
    private FixturePostgres db;
    /** Static: the dumps are made once, in {@code @BeforeAll}. */
    @TempDir
    static Path dir;

    @BeforeAll
    void startDatabaseAndDumpIt() throws Exception {
        db = FixturePostgres.start();
        db.execute(FixturePostgres.DATABASE,
            "create table users (id serial primary key, email text not null unique)",
            "insert into users (email) select 'user' || g || '@example.com' from generate_series(1, " + USERS + ") g",
            "create table orders (id serial primary key, user_id int not null references users, total numeric(10,2))",
            "insert into orders (user_id, total) select 1 + g % " + USERS + ", g * 1.5 from generate_series(1, "
                + ORDERS + ") g");
        PgClient host = client(ToolsMode.HOST);
        for (DumpFormat format : DumpFormat.values()) {
            host.dump(dumpFile(format), format);
        }
        gzip(dumpFile(DumpFormat.PLAIN), dir.resolve("merq.sql.gz"));
    }

    @AfterEach
    void dropScratches() {
        scratches.forEach(client(ToolsMode.HOST)::dropDatabase);
        scratches.clear();
    }

    @AfterAll
    void removeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"HOST, false", "HOST, true", "CONTAINER, false", "CONTAINER, true"})
    void aPlainDumpRestoresToTheSameRows(ToolsMode mode, boolean gzip) {
        PgClient client = client(mode);
        String scratch = scratch(client);

        Path dump = gzip ? dir.resolve("merq.sql.gz") : dumpFile(DumpFormat.PLAIN);
        client.restorePlain(dump, scratch, gzip, KeyLines.of(dump));

        assertSameRows(client, scratch);
    }

    /** Host tools open the file and run two workers where the format allows; the container streams it. */
    @ParameterizedTest
    @CsvSource({"HOST, CUSTOM", "HOST, DIRECTORY", "HOST, TAR", "CONTAINER, CUSTOM", "CONTAINER, TAR"})
    void anArchiveRestoresToTheSameRows(ToolsMode mode, DumpFormat format) {
        PgClient client = client(mode);
        String scratch = scratch(client);

        client.restoreArchive(dumpFile(format), scratch, 2);

        assertSameRows(client, scratch);
    }

    /**
     * An error after the tables were created: psql stops, and the transaction takes the tables with
     * it. The error line carries the dump's own line number.
     */
    @ParameterizedTest
    @EnumSource(value = ToolsMode.class, names = {"HOST", "CONTAINER"})
    void aSqlErrorHalfwayLeavesNothing(ToolsMode mode) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(dumpFile(DumpFormat.PLAIN)));
        int copyUsers = indexOfLineStartingWith(lines, "COPY public.users ");
        lines.add(copyUsers, "SELECT 1/0;");
        Path broken = Files.write(dir.resolve("broken-" + mode + ".sql"), lines);
        PgClient client = client(mode);
        String scratch = scratch(client);

        assertThatThrownBy(() -> client.restorePlain(broken, scratch, false, KeyLines.of(broken)))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(e.getMessage()).isEqualTo("restoring " + broken + " into database " + scratch
                    + " failed (psql exit 3): psql:<stdin>:" + (copyUsers + 1) + ": ERROR:  division by zero");
            });
        assertThat(client.tables(scratch)).as("the CREATE TABLEs before the error were rolled back").isEmpty();
    }

    /**
     * A gzip stream cut in the middle of the users' rows: psql sees the end of its input there, and
     * with --single-transaction it would commit what it got. The restore must fail and keep nothing.
     */
    @ParameterizedTest
    @EnumSource(value = ToolsMode.class, names = {"HOST", "CONTAINER"})
    void aCutGzipStreamFailsAndCommitsNothing(ToolsMode mode) throws IOException {
        byte[] whole = Files.readAllBytes(dir.resolve("merq.sql.gz"));
        Path cut = Files.write(dir.resolve("cut-" + mode + ".sql.gz"), Arrays.copyOf(whole, whole.length * 2 / 3));
        PgClient client = client(mode);
        String scratch = scratch(client);

        assertThatThrownBy(() -> client.restorePlain(cut, scratch, true, KeyLines.of(dir.resolve("merq.sql.gz"))))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(e.getMessage()).startsWith("restoring " + cut + " into database " + scratch + " failed: ")
                    .endsWith("did not get all of its input: the dump could not be read to its end"
                        + " (Unexpected end of ZLIB input stream); nothing of it was committed");
            });
        assertThat(client.tables(scratch)).isEmpty();
    }

    /**
     * The second fence, proven rather than assumed: a meta-command line that reaches psql (as if the
     * scan had missed it: this calls the adapter directly, skipping only pg_dump's own key lines) is refused by psql
     * itself in restricted mode. The shell command does not run, wherever psql runs, and the
     * transaction takes everything before it away.
     */
    @ParameterizedTest
    @EnumSource(value = ToolsMode.class, names = {"HOST", "CONTAINER"})
    void aMetaCommandThatReachesPsqlIsRefusedByPsqlsRestrictedMode(ToolsMode mode) throws IOException {
        String marker = "/tmp/rollback-restricted-" + mode + "-" + java.util.UUID.randomUUID();
        List<String> lines = new ArrayList<>(Files.readAllLines(dumpFile(DumpFormat.PLAIN)));
        int copyUsers = indexOfLineStartingWith(lines, "COPY public.users ");
        lines.add(copyUsers, "\\! touch " + marker);
        Path hostile = Files.write(dir.resolve("hostile-" + mode + ".sql"), lines);
        PgClient client = client(mode);
        String scratch = scratch(client);

        assertThatThrownBy(() -> client.restorePlain(hostile, scratch, false, KeyLines.of(hostile)))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(e.getMessage()).endsWith("failed (psql exit 3): psql:<stdin>:" + (copyUsers + 1)
                    + ": error: backslash commands are restricted; only \\unrestrict is allowed");
            });
        assertThat(Path.of(marker)).doesNotExist();
        assertThat(new ProcessRunner().run(dev.rollback.adapters.process.ProcessSpec.of(
            List.of("docker", "exec", db.container, "test", "-e", marker), java.time.Duration.ofSeconds(30))).exitCode())
            .as("no such file in the database container either").isEqualTo(1);
        assertThat(client.tables(scratch)).as("the CREATE TABLEs before it were rolled back").isEmpty();
    }

    @Test
    void aMissingScratchDatabaseIsRefusedBeforeAnyToolRuns() {
        assertThatThrownBy(() -> client(ToolsMode.HOST).restorePlain(dumpFile(DumpFormat.PLAIN), "no_scratch", false, LinesToSkip.none()))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("database no_scratch does not exist");
            });
    }

    @Test
    void aDirectoryArchiveCannotBeStreamedToTheContainer() {
        PgClient client = client(ToolsMode.CONTAINER);
        String scratch = scratch(client);

        assertThatThrownBy(() -> client.restoreArchive(dumpFile(DumpFormat.DIRECTORY), scratch, 1))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("directory-format archive", "database.tools: host");
            });
    }

    @Test
    void aFailingArchiveRestoreIsExitOneWithPgRestoresErrorLine() throws SQLException {
        PgClient client = client(ToolsMode.HOST);
        String scratch = scratch(client);
        db.execute(scratch, "create table users (id int)"); // the archive's CREATE TABLE users now fails

        assertThatThrownBy(() -> client.restoreArchive(dumpFile(DumpFormat.CUSTOM), scratch, 2))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(e.getMessage()).contains("into database " + scratch + " failed (pg_restore exit 1)",
                    "relation \"users\" already exists");
            });
    }

    private void assertSameRows(PgClient client, String scratch) {
        assertThat(client.tables(scratch)).containsExactly("public.orders", "public.users");
        assertThat(client.queryFirstValue(scratch, USER_ROWS)).contains(String.valueOf(USERS))
            .isEqualTo(client.queryFirstValue(USER_ROWS));
        assertThat(client.queryFirstValue(scratch, ORDER_ROWS)).contains(String.valueOf(ORDERS))
            .isEqualTo(client.queryFirstValue(ORDER_ROWS));
    }

    /** A new empty database, dropped after the test. */
    private String scratch(PgClient client) {
        String name = "merq_scratch_" + scratchNumber.incrementAndGet();
        client.createDatabase(name);
        scratches.add(name);
        return name;
    }

    private PgClient client(ToolsMode mode) {
        return new PgClient(db.target(mode), new ProcessRunner());
    }

    private Path dumpFile(DumpFormat format) {
        return dir.resolve("merq-" + format.name().toLowerCase(Locale.ROOT) + format.extension());
    }

    private static int indexOfLineStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    private static void gzip(Path source, Path target) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
        }
    }
}
