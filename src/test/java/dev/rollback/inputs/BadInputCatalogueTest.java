package dev.rollback.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollback.cli.CliRunner;
import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue, in-process: the real parser, loader and executor with captured streams.
 * Most cases run with adapters that fail the test when reached (the run must stop before any I/O);
 * the "live" ones use the real adapters pointed at closed ports. Each case is a row of
 * {@code target/bad-input-catalogue.md}. Cases that need a database or cross processes are in
 * {@link BadInputStackIT}.
 */
class BadInputCatalogueTest {
    static final GeneratedTable TABLE = Catalogue.table("1-in-process");

    @TempDir
    Path dir;

    @BeforeEach
    void writeConfig() throws IOException {
        // Owner-only, as the docs ask: an open dir would add its warning line to every case's stderr.
        PrivateFiles.createDirectories(dir.resolve("state"));
        PrivateFiles.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("rollback.yml"), """
            stack:
              name: badinputs
              app-services: [backend, web]
            backups: { dir: ./backups }
            state-dir: ./state
            database: { host: 127.0.0.1, port: 1, name: merq, user: merq, password-env: DB_PASSWORD }
            docker: { host: "tcp://127.0.0.1:1" }
            health:
              timeout: 2s
              checks:
                - { name: api, url: "http://127.0.0.1:1/health" }
            proxy: { container: badinputs-caddy, admin: "http://127.0.0.1:1" }
            """);
    }

    @AfterAll
    static void writeTable() {
        TABLE.write();
    }

    // --- flags and values -------------------------------------------------------------------

    /** Cases that need nothing but their command line: name, expected exit, arguments. */
    static Stream<Arguments> commandLines() {
        return Stream.of(
            offline(2, "unknown command", "rolback"),
            offline(2, "bad --output", "verify", "-o", "yaml"),
            offline(2, "bad enum value", "plan", "--severity", "urgent"),
            offline(2, "number out of range", "blue-green", "--to", "HEAD", "--port-offset", "70000"),
            offline(2, "not a number", "backup", "--keep", "many"),
            offline(2, "--keep 0", "backup", "--keep", "0", "--yes"),
            offline(2, "bad --format", "backup", "--format", "zip"),
            offline(2, "backup --base with --format", "backup", "--base", "--format", "custom"),
            offline(2, "archive unknown option", "archive", "--slot", "mine"),
            live(4, "backup --base, database unreachable", "backup", "--base"),
            live(4, "archive, database unreachable", "archive"),
            offline(2, "db-restore without --backup", "db-restore", "--yes"),
            offline(2, "contradictory flags", "db-restore", "--backup", "latest", "--in-place", "--no-pre-backup", "--yes"),
            offline(2, "--keep-serving with --in-place", "db-restore", "--backup", "latest", "--keep-serving", "--in-place", "--yes"),
            offline(2, "--jobs 0", "db-restore", "--backup", "latest", "--jobs", "0"),
            offline(2, "--backup with --to-release", "db-restore", "--backup", "latest", "--to-release", "x", "--yes"),
            offline(2, "--to-time not ISO-8601", "db-restore", "--to-time", "yesterday", "--yes"),
            offline(2, "--to-mark with --in-place", "db-restore", "--to-mark", "pre_deploy", "--in-place", "--yes"),
            offline(2, "drill --max-age not a duration", "drill", "--max-age", "soon"),
            offline(2, "drill --max-age zero", "drill", "--max-age", "0m"),
            offline(2, "drill --max-age overflow", "drill", "--max-age", "999999999999d"),
            offline(2, "watch without --for", "watch", "--yes"),
            offline(2, "watch --for 0s", "watch", "--for", "0s", "--yes"),
            offline(2, "watch --failures 0", "watch", "--for", "1m", "--failures", "0", "--yes"),
            offline(2, "watch --then nonsense", "watch", "--for", "1m", "--then", "nonsense", "--yes"),
            offline(2, "watch --interval longer than --for", "watch", "--for", "5s", "--interval", "10s", "--yes"),
            offline(2, "watch --interval not a duration", "watch", "--for", "1m", "--interval", "often", "--yes"),
            offline(2, "recreate unknown option", "recreate", "--to", "v1", "--force"),
            live(4, "recreate, docker.host unreachable", "recreate", "--to", "v1", "--yes"),
            offline(2, "service name with ; and spaces", "redeploy", "--service", "web; rm -rf /", "--yes"),
            offline(2, "branch name with shell characters", "revert", "--branch", "main;reboot", "--yes"),
            offline(2, "--mainline 0", "revert", "--mainline", "0", "--yes"),
            offline(2, "bad --mode", "revert", "--mode", "merge"),
            offline(2, "bad --restore-volumes", "infra-rebuild", "--restore-volumes", "sometimes", "--yes"),
            offline(2, "--snapshot with --provider local", "infra-rebuild", "--provider", "local", "--snapshot", "42", "--yes"),
            offline(2, "release with unknown action", "release", "forget"),
            offline(2, "history --since not a date", "history", "--since", "yesterday"),
            offline(2, "history --since overflow", "history", "--since", "999999999999999999d"),
            offline(2, "verify --logs-since bad duration", "verify", "--logs-since", "forever"),
            offline(2, "incident unknown option", "incident", "--upload-to", "pastebin"),
            offline(2, "config file missing", "backups", "-c", "{dir}/absent.yml"),
            offline(2, "config is a directory", "backups", "-c", "{dir}"),
            live(3, "missing backup", "db-restore", "--backup", "merq_20240101_000000.sql", "--yes"),
            live(3, "check-migrations outside a git checkout", "check-migrations", "--from", "v1", "--to", "v2"),
            live(3, "revert with no checkout and no git.url", "revert", "--yes"),
            live(4, "unreachable database", "backup", "--yes"),
            live(1, "drill with no complete backup", "drill"),
            live(4, "release list, docker.host unreachable", "release", "list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void commandLine(String name, int exit, boolean live, String[] args) {
        String[] inDir = Stream.of(args).map(arg -> arg.replace("{dir}", dir.toString())).toArray(String[]::new);
        expect(exit, name, Map.of("DB_PASSWORD", "x"), live, inDir);
    }

    private static Arguments offline(int exit, String name, String... args) {
        return Arguments.of(name, exit, false, args);
    }

    private static Arguments live(int exit, String name, String... args) {
        return Arguments.of(name, exit, true, args);
    }

    @Test
    void unknownOption() {
        assertThat(expect(2, "unknown option", "redeploy", "--frobnicate")).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void missingRequiredOption() {
        assertThat(expect(2, "missing required option", "plan")).contains("--severity");
    }

    @Test
    void badDuration() {
        assertThat(expect(2, "bad duration", "blue-green", "--to", "HEAD", "--drain", "10 parsecs"))
            .contains("is not a duration");
    }

    @Test
    void durationTooLong() {
        assertThat(expect(2, "duration overflow", "blue-green", "--to", "HEAD", "--drain", "99999999999999999h"))
            .contains("too long");
    }

    @Test
    void labelPathTraversal() {
        assertThat(expect(2, "label path traversal", "backup", "--label", "../../etc/passwd", "--yes"))
            .contains("not a valid name");
    }

    // --- configuration ----------------------------------------------------------------------

    @Test
    void unknownKey() throws IOException {
        Files.writeString(dir.resolve("typo.yml"), "stack:\n  name: merq\n  compse-file: x.yml\n");
        assertThat(expect(2, "unknown key", "backups", "-c", dir.resolve("typo.yml").toString()))
            .contains("line 3", "compse-file");
    }

    @Test
    void wrongType() throws IOException {
        Files.writeString(dir.resolve("types.yml"), "stack: { name: merq }\ndatabase: { port: five }\n");
        assertThat(expect(2, "wrong type", "backups", "-c", dir.resolve("types.yml").toString()))
            .contains("database.port");
    }

    @Test
    void scalarWhereAListIsExpected() throws IOException {
        Files.writeString(dir.resolve("list.yml"), "stack: { name: merq, app-services: backend }\n");
        expect(2, "scalar for a list", "backups", "-c", dir.resolve("list.yml").toString());
    }

    @Test
    void duplicateKey() throws IOException {
        Files.writeString(dir.resolve("dup.yml"), "stack: { name: merq }\nstate-dir: a\nstate-dir: b\n");
        expect(2, "duplicate key", "backups", "-c", dir.resolve("dup.yml").toString());
    }

    @Test
    void billionLaughs() throws IOException {
        StringBuilder bomb = new StringBuilder("migrations:\n  paths: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        String previous = "a";
        for (String name : List.of("b", "c", "d", "e", "f", "g", "h")) {
            bomb.append("x-").append(name).append(": &").append(name).append(" [")
                .append(("*" + previous + ",").repeat(8)).append("*").append(previous).append("]\n");
            previous = name;
        }
        Files.writeString(dir.resolve("bomb.yml"), "stack: { name: merq, app-services: *h }\n" + bomb);
        long start = System.nanoTime();
        expect(2, "YAML anchor bomb (billion laughs)", "backups", "-c", dir.resolve("bomb.yml").toString());
        assertThat((System.nanoTime() - start) / 1_000_000).as("refused without expanding it").isLessThan(5000);
    }

    @Test
    void databaseNameWithQuotesAndSemicolon() throws IOException {
        Files.writeString(dir.resolve("sql.yml"),
            "stack: { name: merq }\ndatabase: { name: \"merq\\\"; drop table users; --\", user: merq }\n");
        assertThat(expect(2, "database name with quote and semicolon", "backup", "--yes", "-c",
            dir.resolve("sql.yml").toString())).contains("not a valid name");
    }

    @Test
    void databaseNameFromEnvironmentWithQuote() {
        assertThat(expect(2, "DB_NAME with a quote", Map.of("DB_NAME", "merq' or '1'='1", "DB_PASSWORD", "x"), false,
            "backups")).contains("(DB_NAME)");
    }

    @Test
    void stackNameWithUpperCaseAndSlash() throws IOException {
        Files.writeString(dir.resolve("name.yml"), "stack: { name: \"Merq/../x\" }\n");
        expect(2, "stack name with a slash", "backups", "-c", dir.resolve("name.yml").toString());
    }

    @Test
    void missingSecret() {
        Map<String, String> env = new HashMap<>();
        assertThat(expect(2, "password variable not set", env, true, "backup", "--yes"))
            .contains("DB_PASSWORD");
    }

    @Test
    void configNotUtf8() throws IOException {
        Files.write(dir.resolve("latin1.yml"), "stack: { name: \"caf\u00e9\" }\n".getBytes(StandardCharsets.ISO_8859_1));
        expect(2, "config not UTF-8", "backups", "-c", dir.resolve("latin1.yml").toString());
    }

    @Test
    void configFileNameNotUtf8() {
        // What the JVM makes of a name with bytes 0xff 0xfe on the command line (UTF-8 locale).
        assertThat(expect(2, "config file name not UTF-8", "backups", "-c", dir.resolve("\uFFFD\uFFFD.yml").toString()))
            .contains("not valid UTF-8");
    }

    // --- preconditions: exit 3 --------------------------------------------------------------

    @Test
    void backupPathTraversal() {
        // A path is the operator's to give (the spec: FILE or a bare name); it is read, found not
        // to be a dump, and refused before the database is touched.
        // As many "../" as it takes from wherever the build runs (CI clones elsewhere).
        String traversal = Path.of("").toAbsolutePath().relativize(Path.of("/etc/passwd")).toString();
        assertThat(traversal).startsWith("../");
        assertThat(expectLive(3, "backup path traversal", "db-restore", "--backup", traversal, "--yes"))
            .contains("cannot be restored");
    }

    @Test
    void truncatedBackup() throws IOException {
        Files.writeString(dir.resolve("backups/merq_20240101_000000.sql"),
            "--\n-- PostgreSQL database dump\n--\nCREATE TABLE users (id int);\nCOPY users (id) FROM stdin;\n1\n");
        assertThat(expectLive(3, "truncated backup", "db-restore", "--backup", "merq_20240101_000000.sql", "--yes"))
            .contains("truncated");
    }

    @Test
    void noCompleteBackupForLatest() throws IOException {
        Files.writeString(dir.resolve("backups/merq_20240101_000000.sql"), "not a dump\n");
        expectLive(3, "latest with no complete backup", "db-restore", "--backup", "latest", "--yes");
    }

    @Test
    void backupWithNonUtf8Name() throws Exception {
        // Bytes 0xff in a name: only a shell can make one; the tool lists it as unusable, never as a candidate.
        Process touch = new ProcessBuilder("sh", "-c", "printf -- '-- PostgreSQL database dump complete\\n' > \"$(printf"
            + " 'merq_\\377_20991231_000000.sql')\"").directory(dir.resolve("backups").toFile()).start();
        assertThat(touch.waitFor()).isZero();
        assertThat(new CliRunner().env("ROLLBACK_CONFIG", dir.resolve("rollback.yml").toString())
            .env("DB_PASSWORD", "x").run("backups").out()).contains("not valid UTF-8");
        expectLive(3, "only backup's file name not UTF-8", "db-restore", "--backup", "latest", "--yes");
    }

    @Test
    void readOnlyStateDir() {
        try (TmpfsMount readOnly = TmpfsMount.over(dir.resolve("state"))) {
            assertThat(expectLive(3, "read-only state dir", "backup", "--yes")).contains("cannot take the lock");
        }
    }

    // --- dependencies: exit 4 ---------------------------------------------------------------

    @Test
    void dockerUnreachable() {
        assertThat(expectLive(4, "unreachable docker.host", "redeploy", "--yes")).contains("unreachable");
    }

    // --- runner -----------------------------------------------------------------------------

    private String expect(int exit, String name, String... args) {
        return expect(exit, name, Map.of("DB_PASSWORD", "x"), false, args);
    }

    private String expectLive(int exit, String name, String... args) {
        return expect(exit, name, Map.of("DB_PASSWORD", "x"), true, args);
    }

    /** Runs one case and holds it to {@link BadInputRules}; the line printed, for case-specific checks. */
    private String expect(int exit, String name, Map<String, String> env, boolean live, String... args) {
        Path state = dir.resolve("state");
        TreeState before = TreeState.of(dir, "state/journal.jsonl", "state/lock");
        List<String> journalBefore = BadInputRules.journalLines(state);
        CliRunner runner = new CliRunner().env("ROLLBACK_CONFIG", dir.resolve("rollback.yml").toString());
        env.forEach(runner::env);
        if (!live) {
            runner.adapters(CliRunner.unreachable());
        }
        CliRunner.Result result = runner.run(args);

        String line = BadInputRules.oneClearLine(result.err(), result.out());
        assertThat(result.exitCode()).as("exit code of %s: %s", name, line).isEqualTo(exit);
        BadInputRules.nothingChanged(before, TreeState.of(dir, "state/journal.jsonl", "state/lock"));
        BadInputRules.journalGrewByARefusalAtMost(journalBefore, BadInputRules.journalLines(state), exit);
        Map<String, String> shown = new HashMap<>(env);
        shown.remove("DB_PASSWORD");
        TABLE.add(CommandText.sortKey(args) + name, name, GeneratedTable.code(CommandText.of(shown, args, dir)),
            String.valueOf(exit), GeneratedTable.code(CommandText.shorten(line, dir)));
        return line;
    }
}
