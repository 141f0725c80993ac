package dev.rollback.adapters.postgres;

import dev.rollback.adapters.process.ProcessResult;
import dev.rollback.adapters.process.ProcessRunner;
import dev.rollback.adapters.process.ProcessSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * One real PostgreSQL 15 container (the testbed's fixture image) on a free 127.0.0.1 port, with a
 * unique name and a random password. Without Ryuk nothing reaps leftovers, so {@link #close()}
 * removes the container and its volume, and {@link #start()} does so itself when startup fails.
 */
final class FixturePostgres implements AutoCloseable {
    static final String IMAGE = "rollback-fixture/postgres:15";
    static final String USER = "merq";
    static final String DATABASE = "merq";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final ProcessRunner runner = new ProcessRunner();
    final String container;
    final String password;
    private int port;

    private FixturePostgres(String suffix) {
        this.container = "rollback-pg-it-" + suffix;
        this.password = "pw-" + suffix + "-Secret";
    }

    static FixturePostgres start() {
        FixturePostgres db = new FixturePostgres(UUID.randomUUID().toString().substring(0, 8));
        db.buildImageIfMissing();
        try {
            db.run();
            db.awaitHealthy();
            db.port = db.publishedPort();
            return db;
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** A target for the client under test; the password "comes from" DB_PASSWORD as in a real run. */
    PgTarget target(ToolsMode tools) {
        return new PgTarget("127.0.0.1", port, DATABASE, USER, password, container, 5432, tools, "$DB_PASSWORD");
    }

    Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/"
            + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8), properties);
    }

    /** Runs statements on {@code database}, each in its own transaction, as a test's own setup. */
    void execute(String database, String... statements) throws SQLException {
        try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    /** The first column of the first row, as text; null when there is no row. */
    String queryValue(String database, String query) throws SQLException {
        try (Connection connection = connect(database); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Override
    public void close() {
        runner.run(ProcessSpec.of(List.of("docker", "rm", "-f", "-v", container), Duration.ofSeconds(60)));
    }

    private void buildImageIfMissing() {
        if (docker("image", "inspect", IMAGE).succeeded()) {
            return;
        }
        Path setup = Path.of(System.getProperty("rollback.basedir", "."), "testbed", "setup.sh");
        ProcessResult built = runner.run(ProcessSpec.of(List.of("bash", setup.toString()), Duration.ofMinutes(15)));
        if (!built.succeeded()) {
            throw new IllegalStateException("testbed/setup.sh failed: " + built.stderrTail());
        }
    }

    private void run() {
        // POSTGRES_PASSWORD without a value: docker takes it from its own environment, as the client does.
        ProcessSpec spec = ProcessSpec.of(List.of("docker", "run", "-d", "--name", container,
            "--label", "rollback.test=postgres-adapter", "-e", "POSTGRES_USER=" + USER, "-e", "POSTGRES_PASSWORD",
            "-e", "POSTGRES_DB=" + DATABASE, "-p", "127.0.0.1::5432", IMAGE), Duration.ofSeconds(60))
            .withEnvironment(Map.of("POSTGRES_PASSWORD", password));
        ProcessResult result = runner.run(spec);
        if (!result.succeeded()) {
            throw new IllegalStateException("docker run failed: " + result.stderrTail());
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = docker("inspect", "--format", "{{.State.Status}} {{.State.Health.Status}}", container).stdout().strip();
            if (status.equals("running healthy")) {
                return;
            }
            if (status.startsWith("exited") || status.startsWith("dead")) {
                break;
            }
            sleep(250);
        }
        throw new IllegalStateException("fixture " + container + " not healthy (" + status + "): "
            + docker("logs", "--tail", "20", container).stderrTail());
    }

    private int publishedPort() {
        // "127.0.0.1:32768"
        String mapping = docker("port", container, "5432/tcp").stdout().strip().lines().findFirst().orElseThrow();
        return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1));
    }

    private ProcessResult docker(String... args) {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        return runner.run(ProcessSpec.of(argv, Duration.ofSeconds(30)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the fixture", e);
        }
    }
}
