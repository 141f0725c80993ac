package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.inputs.Catalogue;
import dev.rollback.inputs.GeneratedTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backup is untrusted input: level 3 against a real stack, with dumps a hostile or careless hand
 * wrote into the backups dir. A dump that would run psql meta-commands is refused before anything
 * is touched, whether the pg tools run on the host or in the database container; dumps made with
 * {@code pg_dump --clean/--create} restore into the scratch copy; {@code latest} never picks
 * another database's dump. The refusals go into the bad-input catalogue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileDumpE2EIT {
    private static final GeneratedTable TABLE = Catalogue.table("3-hostile-dumps");
    private static final int ROWS = 500;
    private static final String HOSTILE_NAME = "merq_20261201_020000.sql";

    @TempDir
    static Path dir;

    private TestStack stack;

    @BeforeAll
    void upStack() throws IOException {
        stack = TestStack.up(dir, "v1", ROWS);
    }

    @AfterAll
    void downStack() {
        TABLE.write();
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void cleanState() throws IOException {
        stack.forgetRestores();
        assertThat(users()).isEqualTo(String.valueOf(ROWS));
        stack.compose("up", "-d", "--no-build");
    }

    /**
     * The issue's attack: a shell command, a \connect to the live database and a delete before a
     * normal pg_dump body. Refused with exit 3 naming the file, the line and the command; the shell
     * command never ran (on the host or in the container), the live rows are all there, the app
     * was never stopped, no pre-restore backup was taken.
     */
    @ParameterizedTest
    @ValueSource(strings = {"host", "container"})
    void theIssuesAttackIsRefusedBeforeAnythingIsTouched(String tools) throws IOException {
        useTools(tools);
        String marker = "/tmp/rollback-pwned-" + UUID.randomUUID();
        hostileDump("\\! touch " + marker + "\n\\connect merq\ndelete from users;\n");

        String line = refused("the issue's attack (pg tools on the " + tools + ")", "\\! touch /tmp/x, \\connect merq,"
            + " delete from users; then a pg_dump body");

        assertThat(line).isEqualTo("rollback: verify-backup: " + HOSTILE_NAME + " line 1: psql meta-command \\! is not allowed in a"
            + " dump; pg_dump writes none but \\restrict and \\unrestrict, so this file was edited or is not a pg_dump"
            + " dump; nothing was changed");
        assertNoShellCommandRan(marker);
    }

    /**
     * Past the dump's head the scan runs on the way into the scratch copy: a meta-command there is
     * refused (exit 3) before psql receives its line; the shell command never ran, the scratch copy
     * is dropped, the live rows are all there and the app runs again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"host", "container"})
    void aMetaCommandDeepInTheDumpNeverReachesPsql(String tools) throws IOException {
        useTools(tools);
        String marker = "/tmp/rollback-pwned-" + UUID.randomUUID();
        hostileDump("");
        Path file = stack.backups.resolve(HOSTILE_NAME);
        String dump = Files.readString(file);
        int end = dump.lastIndexOf("--\n-- PostgreSQL database dump complete");
        Files.writeString(file, dump.substring(0, end) + "-- padding past the head the check reads first\n".repeat(2000)
            + "\\! touch " + marker + "\ndelete from users;\n" + dump.substring(end));

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", HOSTILE_NAME, "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.json().path("error").path("message").asText()).startsWith("restore-scratch: " + HOSTILE_NAME + " line ")
            .contains(": psql meta-command \\! is not allowed in a dump").doesNotContain("nothing was changed")
            .containsPattern("\\(found while restoring into merq_restore_\\d{8}_\\d{6}, which was dropped; database merq"
                + " was not touched\\)$");
        assertThat(run.step("restore-scratch").path("status").asText()).isEqualTo("failed");
        assertNoShellCommandRan(marker);
        assertThat(users()).isEqualTo(String.valueOf(ROWS));
        assertThat(databases()).noneMatch(db -> db.startsWith("merq_restore_"));
        assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.container("backend")).out().strip())
            .isEqualTo("true");
    }

    /** \o writes files, \copy ... program runs a program: both on psql's side, refused alike. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\\o MARKER|\\o",
        "\\copy (select 1) to program 'touch MARKER'|\\copy",
        "select 1; \\gexec|\\gexec",
    })
    void otherMetaCommandsAreRefusedToo(String first, String command) throws IOException {
        String marker = "/tmp/rollback-pwned-" + UUID.randomUUID();
        hostileDump(first.replace("MARKER", marker) + "\ndelete from users;\n");

        String line = refused("a dump starting with " + command, first.replace("MARKER", "/tmp/x"));

        assertThat(line).startsWith("rollback: verify-backup: " + HOSTILE_NAME + " line 1: psql meta-command " + command + " ");
        assertNoShellCommandRan(marker);
    }

    /**
     * Backup scripts often use pg_dump --clean --create: the database-level statements and the
     * \connect are skipped and the body restores into the scratch copy; --clean's drops (which
     * would fail on the empty scratch copy) are skipped too. Made by the real pg_dump, restored by
     * the real stack, the rows are the dump's.
     */
    @ParameterizedTest(name = "{0} with tools on the {1}")
    @CsvSource({"--clean --create, host", "--clean --create, container", "--clean --if-exists, host", "--clean, container",
        "--create, host"})
    void aCleanOrCreateDumpRestoresIntoTheScratchCopy(String flags, String tools) throws IOException {
        useTools(tools);
        Path dump = stack.backups.resolve("merq_20261201_030000.sql");
        List<String> pgDump = new ArrayList<>(List.of("pg_dump", "-h", "127.0.0.1", "-p", String.valueOf(stack.pgPort),
            "-U", "merq", "-d", "merq", "-f", dump.toString()));
        pgDump.addAll(Arrays.asList(flags.split(" ")));
        Shell.ok(dir, stack.pgEnv(), pgDump.toArray(String[]::new));
        stack.psql("insert into users (email) select 'late' || g || '@merq.example' from generate_series(1, 50) g");
        List<String> before = databases();

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", dump.getFileName().toString(), "--yes", "--drop-old",
            "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(users()).isEqualTo(String.valueOf(ROWS));
        assertThat(databases()).as("no database created or dropped beside the swap").isEqualTo(before);
        if (flags.contains("--create")) {
            assertThat(run.step("verify-backup").path("detail").path("createsDatabase").asText()).isEqualTo("merq");
        }
        if (flags.contains("--clean")) {
            assertThat(run.step("verify-backup").path("detail").path("clean").asBoolean()).isTrue();
        }
    }

    /** Several apps back up into one dir: latest takes this stack's newest dump, never another database's newer one. */
    @Test
    void latestNeverPicksAnotherDatabasesDump() throws IOException {
        RollbackCli.Run backup = stack.rollback("backup", "--yes", "-o", "json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        String ours = Path.of(backup.json().path("result").path("backup").asText()).getFileName().toString();
        stack.psql("postgres", "create database shop");
        stack.psql("shop", "create table users (id int, email text); insert into users values (1, 'shop@example')");
        Path theirs = stack.backups.resolve("shop_29990101_000000.sql");
        Shell.ok(dir, stack.pgEnv(), "pg_dump", "-h", "127.0.0.1", "-p", String.valueOf(stack.pgPort), "-U", "merq",
            "-d", "shop", "-f", theirs.toString());
        stack.psql("delete from users where id > 10");

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", "latest", "--yes", "--drop-old", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("result").path("backup").asText()).endsWith(ours);
        assertThat(users()).isEqualTo(String.valueOf(ROWS));

        RollbackCli.Run listing = stack.rollback("backups", "-o", "json");
        Map<String, String> owners = new java.util.HashMap<>();
        listing.json().path("result").path("backups").forEach(row ->
            owners.put(row.path("name").asText(), row.path("database").asText(null)));
        assertThat(owners).containsEntry(ours, "merq").containsEntry("shop_29990101_000000.sql", "shop");

        Files.delete(stack.backups.resolve(ours));
        String line = refused("latest with only another database's dump in backups.dir", "shop_29990101_000000.sql only",
            "db-restore", "--backup", "latest", "--yes");
        assertThat(line).isEqualTo("rollback: verify-backup: no complete backup of database merq (merq_YYYYMMDD_HHMMSS.sql, .sql.gz,"
            + " .dump, .tar or .dir) in " + stack.backups + "; name one with --backup FILE, or list them with"
            + " `rollback backups`");
    }

    /** A real pg_dump body with {@code head} written before it, under a name a backup would have. */
    private void hostileDump(String head) throws IOException {
        Path body = stack.backups.resolve("body.tmp");
        Shell.ok(dir, stack.pgEnv(), "pg_dump", "-h", "127.0.0.1", "-p", String.valueOf(stack.pgPort), "-U", "merq",
            "-d", "merq", "-f", body.toString());
        Files.writeString(stack.backups.resolve(HOSTILE_NAME), head + Files.readString(body));
        Files.delete(body);
    }

    private String refused(String name, String dumpHolds) {
        return refused(name, dumpHolds, "db-restore", "--backup", HOSTILE_NAME, "--yes");
    }

    /**
     * Runs the restore and checks what must hold after any refusal: exit 3, one line, the app
     * never stopped, no pre-restore backup, the live rows all there. Adds the catalogue row.
     */
    private String refused(String name, String dumpHolds, String... args) {
        Map<String, String> startedAt = startedAt();
        List<String> backupsBefore = backups();

        RollbackCli.Run run = stack.rollback(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        List<String> lines = run.err().lines().filter(l -> l.startsWith("rollback: ")).toList();
        assertThat(lines).as(run.err()).hasSize(1);
        assertThat(startedAt()).as("the app was never stopped").isEqualTo(startedAt);
        assertThat(backups()).as("no pre-restore backup was written").isEqualTo(backupsBefore);
        assertThat(users()).isEqualTo(String.valueOf(ROWS));
        TABLE.add("db-restore " + name, name + " (the dump holds: " + dumpHolds + ")",
            GeneratedTable.code("rollback " + String.join(" ", args)), "3",
            GeneratedTable.code(lines.get(0).replace(stack.backups.toString(), "./backups")));
        return lines.get(0);
    }

    private void assertNoShellCommandRan(String marker) {
        assertThat(Path.of(marker)).as("on the host").doesNotExist();
        assertThat(Shell.run(dir, Map.of(), "docker", "exec", stack.postgresContainer(), "test", "-e", marker).exitCode())
            .as("in the database container").isEqualTo(1);
    }

    /** database.tools: host or container, written into the stack's rollback.yml. */
    private void useTools(String tools) throws IOException {
        Path config = dir.resolve("rollback.yml");
        String container = "  container: " + stack.postgresContainer() + "\n";
        String text = Files.readString(config).replaceAll("  tools: \\w+\n", "");
        Files.writeString(config, text.replace(container, container + "  tools: " + tools + "\n"));
    }

    private Map<String, String> startedAt() {
        return Stream.of("backend", "web").collect(Collectors.toMap(service -> service, service ->
            stack.docker("inspect", "-f", "{{.State.StartedAt}}", stack.container(service)).out().strip()));
    }

    private List<String> backups() {
        try (Stream<Path> files = Files.list(stack.backups)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> databases() {
        return stack.databases();
    }

    private String users() {
        return stack.psql("select count(*) from users");
    }
}
