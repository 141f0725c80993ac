package dev.rollback.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.Json;
import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Continuous archiving for a {@link TestStack}, done with PostgreSQL's raw tools in the layout {@code backup --base}
 * and {@code archive} agree on (docs pitr-shared): {@code pg_receivewal} into {@code backups/wal}, {@code
 * pg_basebackup -Ft -z -X fetch} into {@code backups/base/NAME/} with the {@code base.json} this class writes from the
 * backup label and manifest, a release's WAL point added to its ledger line, marks appended to marks.jsonl. The one
 * place to switch to the tool's own commands once they are merged.
 */
public final class PitrArchive implements AutoCloseable {
    static final String BIN = "/usr/lib/postgresql/15/bin/";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final TestStack stack;
    private Process receiver;

    public PitrArchive(TestStack stack) {
        this.stack = stack;
    }

    public Path wal() {
        return stack.backups.resolve("wal");
    }

    public Path base() {
        return stack.backups.resolve("base");
    }

    /** What an operator adds to the server so pg_receivewal and pg_basebackup may connect. */
    public void allowReplication() {
        stack.docker("exec", stack.postgresContainer(), "sh", "-c",
            "grep -q '^host replication' /var/lib/postgresql/data/pg_hba.conf || echo 'host replication all 0.0.0.0/0 scram-sha-256'"
                + " >> /var/lib/postgresql/data/pg_hba.conf");
        stack.psql("select pg_reload_conf()");
    }

    /** Starts pg_receivewal into an empty {@code wal/} and waits until it streams. */
    public void startReceiving() throws IOException {
        stopReceiving();
        deleteTree(wal());
        deleteTree(base());
        PrivateFiles.createDirectories(wal());
        // Right after a point-in-time restore the server's new timeline starts mid-segment; a receiver starting in
        // that segment must first follow the old timeline to the switch. Starting in a fresh segment avoids it.
        stack.psql("select pg_switch_wal()");
        ProcessBuilder builder = new ProcessBuilder(BIN + "pg_receivewal", "-h", "127.0.0.1", "-p",
            String.valueOf(stack.pgPort), "-U", "merq", "-D", wal().toString(), "--synchronous", "-n", "-w")
            .redirectErrorStream(true).redirectOutput(stack.dir.resolve("pg_receivewal.log").toFile());
        builder.environment().putAll(stack.pgEnv());
        receiver = builder.start();
        await(() -> "t".equals(stack.psql("select count(*) > 0 from pg_stat_replication"
            + " where application_name = 'pg_receivewal' and state = 'streaming'")), "pg_receivewal streaming");
    }

    public void stopReceiving() {
        if (receiver != null) {
            receiver.destroy();
            try {
                receiver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            receiver.destroyForcibly();
            receiver = null;
        }
    }

    /** Waits until pg_receivewal has flushed everything the server has written so far. */
    public void awaitArchived() {
        String lsn = stack.psql("select pg_current_wal_lsn()");
        await(() -> "t".equals(stack.psql("select coalesce(bool_or(flush_lsn >= '" + lsn + "'), false)"
            + " from pg_stat_replication where application_name = 'pg_receivewal'")), "WAL archived up to " + lsn);
    }

    /** A base backup as {@code backup --base} lays it out; returns its directory. */
    public Path baseBackup() throws IOException {
        Instant startedAt = Instant.now();
        String name = NAME.format(startedAt);
        Path dir = PrivateFiles.createDirectories(base().resolve(name));
        Path tmp = Files.createTempDirectory(stack.dir, "basebackup");
        Shell.ok(stack.dir, stack.pgEnv(), BIN + "pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(stack.pgPort),
            "-U", "merq", "-D", tmp.toString(), "-Ft", "-z", "-X", "fetch", "-c", "fast", "-w");
        String label = Shell.ok(stack.dir, Map.of(), "tar", "-xzOf", tmp.resolve("base.tar.gz").toString(),
            "backup_label").out();
        JsonNode manifest = Json.MAPPER.readTree(tmp.resolve("backup_manifest").toFile());
        JsonNode range = manifest.path("WAL-Ranges").path(0);
        Files.move(tmp.resolve("base.tar.gz"), dir.resolve("base.tar.gz"));
        deleteTree(tmp);
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("name", name);
        json.put("start", find(label, "START WAL LOCATION: (\\S+)"));
        json.put("end", range.path("End-LSN").asText());
        json.put("timeline", Integer.parseInt(find(label, "START TIMELINE: (\\d+)")));
        json.put("startedAt", startedAt.toString());
        json.put("finishedAt", Instant.now().toString());
        json.put("serverVersion", Integer.parseInt(stack.psql("show server_version_num")));
        json.put("image", "rollback-fixture/postgres:15");
        Files.writeString(dir.resolve("base.json"), Json.line(json));
        return dir;
    }

    /** {@code release record}, then the WAL point the other branch will store with it, read as it will read it. */
    public String recordRelease() throws IOException {
        stack.awaitHealthy();
        RollbackCli.Run run = stack.rollback("release", "record", "-o", "json");
        if (run.exitCode() != 0) {
            throw new IllegalStateException("release record failed: " + run.err());
        }
        String id = run.json().path("result").path("release").asText();
        ObjectNode point = walPoint();
        Path ledger = stack.stateDir.resolve("releases.jsonl");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(ledger)) {
            ObjectNode event = (ObjectNode) Json.MAPPER.readTree(line);
            if (event.path("release").path("id").asText().equals(id)) {
                ((ObjectNode) event.path("release")).set("wal", point);
            }
            lines.add(Json.line(event));
        }
        Files.write(ledger, lines);
        return id;
    }

    /** Removes a release's WAL point from the ledger: a release recorded before the tool read one. */
    public void forgetWalPoint(String id) throws IOException {
        Path ledger = stack.stateDir.resolve("releases.jsonl");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(ledger)) {
            ObjectNode event = (ObjectNode) Json.MAPPER.readTree(line);
            if (event.path("release").path("id").asText().equals(id)) {
                ((ObjectNode) event.path("release")).remove("wal");
            }
            lines.add(Json.line(event));
        }
        Files.write(ledger, lines);
    }

    /** Appends a mark, as {@code backup --label LABEL} will with archiving live. */
    public void mark(String label) throws IOException {
        ObjectNode mark = Json.MAPPER.createObjectNode();
        mark.put("label", label);
        mark.set("point", walPoint());
        Path marks = stack.backups.resolve("marks.jsonl");
        Files.writeString(marks, Json.line(mark) + "\n", java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
    }

    private ObjectNode walPoint() {
        String[] row = stack.psql("select pg_current_wal_lsn() || '|' || to_char(now() at time zone 'UTC',"
            + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')").split("\\|");
        ObjectNode point = Json.MAPPER.createObjectNode();
        point.put("lsn", row[0]);
        point.put("at", row[1]);
        return point;
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in " + text);
        }
        return m.group(1);
    }

    static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not within 60 s");
            }
            TestStack.sleep(200);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Override
    public void close() {
        stopReceiving();
    }
}
