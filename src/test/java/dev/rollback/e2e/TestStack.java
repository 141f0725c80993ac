package dev.rollback.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import dev.rollback.core.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real compose stack for end-to-end tests, shaped like the demo (postgres, backend, web) but with
 * a unique project name and free ports, so it never collides with the demo or another run. Written
 * to a temporary directory with its {@code rollback.yml}; {@link #close} removes every container,
 * network and volume it created.
 */
public final class TestStack implements AutoCloseable {
    public static final String PASSWORD = "s3ntinel-" + UUID.randomUUID().toString().substring(0, 8);

    public final Path dir;
    public final String project;
    public final int pgPort;
    public final int backendPort;
    public final int webPort;
    public final Path backups;
    public final Path stateDir;

    private TestStack(Path dir) throws IOException {
        this.dir = dir;
        this.project = "rbt" + UUID.randomUUID().toString().substring(0, 8);
        this.pgPort = freePort();
        this.backendPort = freePort();
        this.webPort = freePort();
        this.backups = PrivateFiles.createDirectories(dir.resolve("backups"));
        this.stateDir = dir.resolve(".rollback");
    }

    /** Writes the stack and brings it up with the given app version; fills {@code users} with {@code rows} rows. */
    public static TestStack up(Path dir, String version, int rows) throws IOException {
        return up(dir, version, rows, false);
    }

    /**
     * As {@link #up(Path, String, int)}; with {@code namedVolumes} the database keeps its files in the
     * named volume {@code pgdata} and web serves {@code /www/uploads} from the named volume {@code uploads},
     * as a real stack's data would live.
     */
    public static TestStack up(Path dir, String version, int rows, boolean namedVolumes) throws IOException {
        TestStack stack = new TestStack(dir);
        try {
            stack.writeFiles(namedVolumes);
            stack.tagVersion(version, "backend", "web");
            stack.compose("up", "-d", "--no-build");
            stack.awaitDatabase();
            stack.psql("create table users (id serial primary key, email text not null unique);"
                + "insert into users (email) select 'user' || g || '@merq.example' from generate_series(1, " + rows + ") g;");
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * What a deploy pipeline does: point {@code <project>/<service>:current} at a fixture version
     * and bring those services up.
     */
    public void deploy(String version, String... services) {
        String[] targets = services.length > 0 ? services : new String[] {"backend", "web"};
        tagVersion(version, targets);
        String[] args = new String[targets.length + 3];
        args[0] = "up";
        args[1] = "-d";
        args[2] = "--no-build";
        System.arraycopy(targets, 0, args, 3, targets.length);
        compose(args);
    }

    private void tagVersion(String version, String... services) {
        for (String service : services) {
            docker("tag", "rollback-fixture/app:" + version, image(service));
        }
    }

    /** The mutable reference a service runs under: {@code <project>/<service>:current}. */
    public String image(String service) {
        return project + "/" + service + ":current";
    }

    /** The image ID a fixture version has. */
    public String imageIdOf(String reference) {
        return docker("image", "inspect", "-f", "{{.Id}}", reference).out().strip();
    }

    /** service → the image ID its container runs. */
    public String runningImageId(String service) {
        return docker("inspect", "-f", "{{.Image}}", container(service)).out().strip();
    }

    public String containerId(String service) {
        return docker("inspect", "-f", "{{.Id}}", container(service)).out().strip();
    }

    private void writeFiles(boolean namedVolumes) throws IOException {
        Files.writeString(dir.resolve("docker-compose.yml"), """
            version: "3.8"
            services:
              postgres:
                image: rollback-fixture/postgres:15
                container_name: %s
                environment:
                  POSTGRES_USER: merq
                  POSTGRES_DB: merq
                  POSTGRES_PASSWORD: ${DB_PASSWORD}
                ports: ["127.0.0.1:%d:5432"]%s
              backend:
                image: %s
                ports: ["127.0.0.1:%d:80"]
                stop_grace_period: 2s
              web:
                image: %s
                ports: ["127.0.0.1:%d:80"]
                stop_grace_period: 2s%s
            """.formatted(postgresContainer(), pgPort, namedVolumes ? "\n    volumes: [\"pgdata:/var/lib/postgresql/data\"]" : "",
            image("backend"), backendPort, image("web"), webPort,
            namedVolumes ? "\n    volumes: [\"uploads:/www/uploads\"]\nvolumes:\n  pgdata: {}\n  uploads: {}" : ""));
        Files.writeString(dir.resolve(".env"), "DB_PASSWORD=" + PASSWORD + "\n");
        writeConfig("");
    }

    /** rollback.yml for this stack; {@code extra} is appended (more keys for a test). */
    public void writeConfig(String extra) throws IOException {
        Files.writeString(dir.resolve("rollback.yml"), """
            stack:
              name: %s
              compose-file: docker-compose.yml
              env-file: .env
              app-services: [backend, web]
            backups: { dir: ./backups }
            state-dir: .rollback
            database:
              host: 127.0.0.1
              port: %d
              name: merq
              user: merq
              password-env: DB_PASSWORD
              container: %s
            health:
              timeout: 20s
              interval: 500ms
              checks:
                - { name: api, url: "http://127.0.0.1:%d/health", retries: 2 }
                - { name: web, url: "http://127.0.0.1:%d/health", retries: 2 }
            verify:
              sample-query: "select count(*) from users"
            """.formatted(project, pgPort, postgresContainer(), backendPort, webPort) + extra);
    }

    /** The environment a user would have: the password variable the config names. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("DB_PASSWORD", PASSWORD);
        return env;
    }

    /** Waits until the app services' healthchecks say healthy: `release record` refuses a stack still starting. */
    public void awaitHealthy(String... services) {
        String[] targets = services.length > 0 ? services : new String[] {"backend", "web"};
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (String service : targets) {
            while (!docker("inspect", "-f", "{{.State.Health.Status}}", container(service)).out().strip()
                .equals("healthy")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(service + " of " + project + " never became healthy");
                }
                sleep(200);
            }
        }
    }

    /**
     * The database's container, as {@code database.container} names it: the compose file gives it
     * a {@code container_name}, as many stacks do for their database, so the name is the same on
     * Compose v1 and v2.
     */
    public String postgresContainer() {
        return project + "-db";
    }

    /**
     * The ID of the container compose runs for {@code service}, found by compose's labels (v1 names
     * it project_service_1, v2 project-service-1); a name no container has when there is none.
     */
    public String container(String service) {
        String ids = Shell.run(null, Map.of(), 60, List.of("docker", "ps", "-aq",
            "--filter", "label=com.docker.compose.project=" + project,
            "--filter", "label=com.docker.compose.service=" + service)).out().strip();
        return ids.isEmpty() ? project + "-has-no-" + service : ids.lines().findFirst().orElseThrow();
    }

    /** The name of {@link #container}: what reports and bundles show. */
    public String containerName(String service) {
        return docker("inspect", "-f", "{{.Name}}", container(service)).out().strip().replaceFirst("^/", "");
    }

    public RollbackCli.Run rollback(String... args) {
        return rollback(env(), args);
    }

    public RollbackCli.Run rollback(Map<String, String> env, String... args) {
        String[] withConfig = new String[args.length + 2];
        withConfig[0] = "--config";
        withConfig[1] = dir.resolve("rollback.yml").toString();
        System.arraycopy(args, 0, withConfig, 2, args.length);
        return RollbackCli.run(dir, env, withConfig);
    }

    public Shell.Result compose(String... args) {
        List<String> argv = Shell.concat(Shell.compose(), "-p", project, "-f", "docker-compose.yml", "--env-file", ".env");
        argv.addAll(List.of(args));
        return Shell.run(dir, env(), 300, argv).requireSuccess(argv);
    }

    public Shell.Result docker(String... args) {
        List<String> argv = Shell.concat(List.of("docker"), args);
        return Shell.run(dir, Map.of(), 120, argv).requireSuccess(argv);
    }

    /** psql on the host against the stack's database. */
    public String psql(String sql) {
        return psql("merq", sql);
    }

    public String psql(String database, String sql) {
        return Shell.ok(dir, pgEnv(), "psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
            "-p", String.valueOf(pgPort), "-U", "merq", "-d", database, "-c", sql).out().strip();
    }

    /** The server's databases, templates left out, sorted. */
    public List<String> databases() {
        return java.util.Arrays.stream(psql("postgres", "select datname from pg_database where not datistemplate order by 1")
            .split("\n")).filter(s -> !s.isBlank()).toList();
    }

    /**
     * Between restore tests: the backups dir emptied, a stale lock removed, every database but
     * merq and postgres (kept old copies, scratch copies, a test's own) dropped.
     */
    public void forgetRestores() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(backups)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.deleteIfExists(stateDir.resolve("lock"));
        for (String db : databases()) {
            if (!db.equals("merq") && !db.equals("postgres")) {
                psql("postgres", "drop database \"" + db + "\" with (force)");
            }
        }
    }

    public Map<String, String> pgEnv() {
        return Map.of("PGPASSWORD", PASSWORD);
    }

    private void awaitDatabase() {
        // 120 s: under the fault matrix's four stacks at once, initdb on two cores once took over 60 s.
        long deadline = System.nanoTime() + 120_000_000_000L;
        // A connection while the server starts up logs "FATAL: the database system is starting up",
        // which `verify` then finds among the last log lines: connect once the server says it is ready.
        while (System.nanoTime() < deadline) {
            Shell.Result logs = Shell.run(dir, Map.of(), 30, List.of("docker", "logs", postgresContainer()));
            if ((logs.out() + logs.err()).contains("database system is ready to accept connections")) {
                break;
            }
            sleep(500);
        }
        while (System.nanoTime() < deadline) {
            Shell.Result ready = Shell.run(dir, pgEnv(), 10, List.of("psql", "-X", "-h", "127.0.0.1", "-p",
                String.valueOf(pgPort), "-U", "merq", "-d", "merq", "-c", "select 1"));
            if (ready.exitCode() == 0) {
                return;
            }
            sleep(300);
        }
        throw new IllegalStateException("database of " + project + " did not come up in 120 s");
    }

    @Override
    public void close() {
        List<String> argv = Shell.concat(Shell.compose(), "-p", project, "-f", "docker-compose.yml", "--env-file", ".env",
            "down", "-v", "--remove-orphans", "-t", "1");
        Shell.run(dir, env(), 120, argv);
        // The stack's own tags (current, rollback-<release>); the fixture images keep their names.
        String tags = Shell.run(dir, Map.of(), "docker", "images", "--format", "{{.Repository}}:{{.Tag}}",
            "--filter", "reference=" + project + "/*").out();
        tags.lines().filter(t -> !t.isBlank()).forEach(tag -> Shell.run(dir, Map.of(), "docker", "rmi", tag));
        removeFixtureProtectTags(stateDir);
    }

    /**
     * {@code release record} protects every recorded image with a tag, the shared fixture images too
     * ({@code rollback-fixture/postgres:rollback-<release>}): removes those the ledger in
     * {@code stateDir} names, so a test leaves the fixture images as it found them.
     */
    public static void removeFixtureProtectTags(Path stateDir) {
        Path ledger = stateDir.resolve("releases.jsonl");
        if (!Files.exists(ledger)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(ledger)) {
                for (JsonNode tag : Json.MAPPER.readTree(line).findValues("protectTag")) {
                    if (tag.asText().startsWith("rollback-fixture/")) {
                        Shell.run(null, Map.of(), "docker", "rmi", tag.asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
