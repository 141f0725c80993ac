package dev.rollback.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** PgClient against a real PostgreSQL 15 container, with the host's and the container's client tools. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgClientIT {
    private static final int ROWS = 1000;
    private static final String DUMP_COMPLETE = "-- PostgreSQL database dump complete";

    private final ProcessRunner runner = new ProcessRunner();
    private FixturePostgres db;

    @BeforeAll
    void startDatabase() throws SQLException {
        db = FixturePostgres.start();
        try (Connection connection = db.connect(FixturePostgres.DATABASE); Statement sql = connection.createStatement()) {
            sql.execute("create table users (id serial primary key, email text not null)");
            sql.execute("insert into users (email) select 'user' || g || '@example.com' from generate_series(1, " + ROWS + ") g");
        }
    }

    @AfterAll
    void removeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void pingsAndReportsTheServerVersion() {
        PgClient client = client(ToolsMode.AUTO);

        client.ping();

        assertThat(client.serverMajorVersion()).isEqualTo(15);
        assertThat(client.describe()).isEqualTo("merq at 127.0.0.1:" + db.port() + " (user merq)");
    }

    @Test
    void queriesTheFirstValue() {
        PgClient client = client(ToolsMode.AUTO);

        assertThat(client.queryFirstValue("select count(*) from users")).contains(String.valueOf(ROWS));
        assertThat(client.queryFirstValue("select email from users where id < 0")).isEmpty();
    }

    @Test
    void aFailingQueryIsExitOneWithTheServersMessage() {
        assertThatThrownBy(() -> client(ToolsMode.AUTO).queryFirstValue("select * from no_such_table"))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.FAILED);
                assertThat(e.getMessage()).endsWith("failed: relation \"no_such_table\" does not exist");
            });
    }

    @Test
    void choosesWhereTheToolsRun() {
        assertThat(client(ToolsMode.AUTO).toolsLocation()).matches("host pg_dump 15\\.\\d+");
        assertThat(client(ToolsMode.HOST).toolsLocation()).matches("host pg_dump 15\\.\\d+");
        assertThat(client(ToolsMode.CONTAINER).toolsLocation())
            .isEqualTo("container " + db.container + " (pg_dump 15.18)");
    }

    /** The guarantee a user relies on: a plain dump restores to the same rows. */
    @ParameterizedTest
    @EnumSource(value = ToolsMode.class, names = {"HOST", "CONTAINER"})
    void plainDumpRestoresToTheSameRows(ToolsMode mode, @TempDir Path dir) throws Exception {
        Path dump = dir.resolve("merq_20260101_120000.sql");

        client(mode).dump(dump, DumpFormat.PLAIN);

        assertThat(Files.readString(dump)).contains(DUMP_COMPLETE).contains("CREATE TABLE public.users");
        assertThat(listNames(dir)).containsExactly(dump.getFileName().toString());
        String scratch = "restore_" + mode.name().toLowerCase(Locale.ROOT);
        client(mode).createDatabase(scratch);
        client(mode).restorePlain(dump, scratch, false, KeyLines.of(dump));
        assertThat(countUsers(scratch)).isEqualTo(countUsers(FixturePostgres.DATABASE)).isEqualTo(ROWS);
    }

    @ParameterizedTest
    @CsvSource({"HOST, CUSTOM", "HOST, TAR", "HOST, DIRECTORY", "CONTAINER, CUSTOM", "CONTAINER, TAR"})
    void archivesListTheTablesData(ToolsMode mode, DumpFormat format, @TempDir Path dir) {
        Path archive = dir.resolve("merq" + format.extension());
        PgClient client = client(mode);

        client.dump(archive, format);
        List<String> toc = client.listArchive(archive);

        assertThat(toc).anyMatch(line -> line.matches("\\d+; \\d+ \\d+ TABLE DATA public users merq"));
        assertThat(toc).noneMatch(line -> line.startsWith(";"));
        assertThat(listNames(dir)).containsExactly(archive.getFileName().toString());
    }

    /**
     * A dump holds the whole database: owner-only in every format and wherever the tools run, under
     * this JVM's umask 022 (which pg_dump inherits on the host), the partial name included.
     */
    @ParameterizedTest
    @CsvSource({"HOST, PLAIN", "HOST, CUSTOM", "HOST, TAR", "HOST, DIRECTORY", "CONTAINER, PLAIN", "CONTAINER, CUSTOM"})
    void everyDumpIsOwnerOnlyUnderUmask022(ToolsMode mode, DumpFormat format, @TempDir Path dir) throws IOException {
        dev.rollback.core.FileModes.assumeUmaskLetsOthersRead(dir);
        Path dump = dir.resolve("merq_20260101_120000" + format.extension());

        client(mode).dump(dump, format);

        assertThat(dev.rollback.core.FileModes.mode(dump)).isEqualTo(format == DumpFormat.DIRECTORY ? "rwx------" : "rw-------");
        try (var files = Files.walk(dump)) {
            assertThat(files.count()).as("the directory format holds its files").isGreaterThan(format == DumpFormat.DIRECTORY ? 2 : 0);
        }
        dev.rollback.core.FileModes.assertOwnerOnly(dump);
    }

    /** A custom dump cut in half still lists its TOC; the client must read it through and refuse it. */
    @ParameterizedTest
    @EnumSource(value = ToolsMode.class, names = {"HOST", "CONTAINER"})
    void aTruncatedArchiveIsRefused(ToolsMode mode, @TempDir Path dir) throws IOException {
        Path whole = dir.resolve("whole.dump");
        Path half = dir.resolve("half.dump");
        PgClient client = client(mode);
        client.dump(whole, DumpFormat.CUSTOM);
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(half, Arrays.copyOf(bytes, bytes.length / 2));

        assertThat(client.listArchive(half)).as("the table of contents survives the cut").isNotEmpty();
        assertThatThrownBy(() -> client.readArchive(half))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("archive " + half, "truncated or corrupt",
                    "could not read from input file");
            });
    }

    @Test
    void aFileThatIsNoArchiveIsRefused(@TempDir Path dir) throws IOException {
        Path garbage = Files.writeString(dir.resolve("notes.dump"), "this is not a dump\n");

        assertThatThrownBy(() -> client(ToolsMode.HOST).listArchive(garbage))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("is unreadable", "pg_restore: error:");
            });
    }

    @Test
    void aDirectoryDumpThroughTheContainerIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> client(ToolsMode.CONTAINER).dump(dir.resolve("merq.dir"), DumpFormat.DIRECTORY))
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                assertThat(e.getMessage()).contains("directory-format", "database.tools: host");
            });
        assertThat(listNames(dir)).isEmpty();
    }

    @Test
    void anExistingBackupIsNeverOverwritten(@TempDir Path dir) throws IOException {
        Path existing = Files.writeString(dir.resolve("merq.sql"), "keep me");

        assertThatThrownBy(() -> client(ToolsMode.HOST).dump(existing, DumpFormat.PLAIN))
            .isInstanceOfSatisfying(RollbackException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED));
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }

    @Test
    void aWrongPasswordIsExitFourAndNeverShown(@TempDir Path dir) {
        String wrong = "wrong-" + db.password;
        PgTarget target = new PgTarget("127.0.0.1", db.port(), "merq", "merq", wrong, db.container, 5432,
            ToolsMode.AUTO, "$DB_PASSWORD");
        PgClient client = new PgClient(target, runner);

        RollbackException ping = catchThrowableOfType(RollbackException.class, client::ping);
        RollbackException dump = catchThrowableOfType(RollbackException.class,
            () -> client.dump(dir.resolve("merq.sql"), DumpFormat.PLAIN));

        for (RollbackException e : List.of(ping, dump)) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
            assertThat(e.getMessage()).contains("password for user merq (from $DB_PASSWORD) was rejected");
            assertThat(messages(e)).doesNotContain(wrong).doesNotContain(db.password);
        }
        assertThat(listNames(dir)).isEmpty();
    }

    @Test
    void aMissingDatabaseIsExitFour() {
        PgTarget target = new PgTarget("127.0.0.1", db.port(), "no_such_db", "merq", db.password, null, 5432, ToolsMode.AUTO);

        assertThatThrownBy(() -> new PgClient(target, runner).ping())
            .isInstanceOfSatisfying(RollbackException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
                assertThat(e.getMessage()).contains("database no_such_db does not exist at 127.0.0.1:" + db.port());
            });
    }

    @Test
    void aClosedPortIsExitFourAtOnce() throws IOException {
        int port = freePort();
        PgClient client = new PgClient(new PgTarget("127.0.0.1", port, "merq", "merq", db.password, null, 5432,
            ToolsMode.AUTO), runner);

        long started = System.nanoTime();
        RollbackException e = catchThrowableOfType(RollbackException.class, client::ping);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(e.getMessage()).startsWith("cannot reach database merq at 127.0.0.1:" + port + ": connection refused");
    }

    /** A server that accepts the connection and never answers must not hang the run. */
    @Test
    void aSilentServerIsExitFourWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            PgClient client = new PgClient(new PgTarget("127.0.0.1", silent.getLocalPort(), "merq", "merq",
                db.password, null, 5432, ToolsMode.AUTO), runner);

            long started = System.nanoTime();
            RollbackException e = catchThrowableOfType(RollbackException.class, client::ping);

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofSeconds(PgJdbc.CONNECT_TIMEOUT_SECONDS + 3));
            assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
            assertThat(e.getMessage()).startsWith("cannot reach database merq at 127.0.0.1:" + silent.getLocalPort());
        }
    }

    /**
     * While a dump runs (held on a table lock so it cannot finish early), no process on the machine
     * shows the password on its command line, and the process the client started has it in its
     * environment instead: proof that the sampling saw the real secret path.
     */
    @ParameterizedTest
    @EnumSource(value = ToolsMode.class, names = {"HOST", "CONTAINER"})
    void thePasswordIsInNoCommandLineWhileDumping(ToolsMode mode, @TempDir Path dir) throws Exception {
        Path dump = dir.resolve("merq.sql");
        PgClient client = client(mode);
        client.toolsLocation(); // resolve the tools first, so the only child left to watch is the dump
        Set<Long> before = descendants();
        CompletableFuture<Void> running;
        try (Connection blocker = db.connect(FixturePostgres.DATABASE); Statement sql = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            sql.execute("lock table users in access exclusive mode");
            running = CompletableFuture.runAsync(() -> client.dump(dump, DumpFormat.PLAIN));
            try {
                awaitDumpWaitingForLock();

                List<ProcTable.Proc> all = ProcTable.all();
                assertThat(all).anyMatch(p -> p.commandLine().contains("pg_dump") && p.commandLine().contains("--dbname=merq"));
                assertThat(all).noneMatch(p -> p.commandLine().contains(db.password));
                List<Long> started = descendants().stream().filter(pid -> !before.contains(pid)).toList();
                assertThat(started).as("processes the client started").isNotEmpty();
                assertThat(started).anyMatch(pid -> ProcTable.environment(pid).contains("PGPASSWORD=" + db.password));
            } finally {
                blocker.rollback();
            }
        }
        running.get(60, TimeUnit.SECONDS);
        assertThat(Files.readString(dump)).contains(DUMP_COMPLETE);
    }

    private void awaitDumpWaitingForLock() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> waiting = client(ToolsMode.AUTO).queryFirstValue("select count(*) from pg_stat_activity"
                + " where application_name = 'pg_dump' and wait_event_type = 'Lock'");
            if (waiting.equals(Optional.of("1"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("pg_dump never reached the table lock");
    }

    private PgClient client(ToolsMode mode) {
        return new PgClient(db.target(mode), runner);
    }

    private int countUsers(String database) throws SQLException {
        try (Connection connection = db.connect(database); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("select count(*) from users")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static List<String> listNames(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every message in the cause chain: a password must not hide in a wrapped driver exception either. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
