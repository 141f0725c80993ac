package dev.rollback.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db-restore --keep-serving} on a real compose stack whose database is big enough that the
 * restore takes seconds: an outside poller (a GET every 50 ms) sees the app answer through the
 * restore and miss only around the swap; a failed gate after the swap puts the old database back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeepServingE2EIT {
    /** ~250 bytes a row: about 300 MB of table and index, a restore of several seconds on two cores. */
    private static final int EVENT_ROWS = 1_200_000;

    @TempDir
    static Path dir;

    private TestStack stack;
    private String config;

    @BeforeAll
    void upStackWithABigDatabase() throws Exception {
        stack = TestStack.up(dir, "v1", 500);
        stack.psql("create table events (id bigint primary key, body text);"
            + "insert into events select g, repeat(md5(g::text), 7) from generate_series(1, " + EVENT_ROWS + ") g");
        config = Files.readString(dir.resolve("rollback.yml"));
    }

    @AfterAll
    void downStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void cleanState() throws Exception {
        stack.forgetRestores();
        Files.writeString(dir.resolve("rollback.yml"), config);
        stack.psql("delete from users where id > 500");
        stack.compose("up", "-d", "--no-build");
        stack.awaitHealthy();
    }

    private String backup() {
        RollbackCli.Run run = stack.rollback("backup", "--yes", "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Path.of(run.json().path("result").path("backup").asText()).getFileName().toString();
    }

    private String users() {
        return stack.psql("select count(*) from users");
    }

    /** GETs the backend's health every 50 ms on its own thread; the longest time between two 200s. */
    private static final class Poller implements AutoCloseable {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final HttpRequest request;
        private final List<Long> answered = new ArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;

        Poller(int port) {
            request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(1)).build();
            thread = new Thread(this::poll, "outside-poller");
            thread.setDaemon(true);
            thread.start();
        }

        private void poll() {
            while (running) {
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        synchronized (answered) {
                            answered.add(System.nanoTime());
                        }
                    } else {
                        failures.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
                TestStack.sleep(50);
            }
        }

        long longestGapMillis() {
            synchronized (answered) {
                long longest = 0;
                for (int i = 1; i < answered.size(); i++) {
                    longest = Math.max(longest, answered.get(i) - answered.get(i - 1));
                }
                return longest / 1_000_000;
            }
        }

        int answers() {
            synchronized (answered) {
                return answered.size();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }

    /** Writes a row every 200 ms through the run, as the app would; failures (around the swap) are only counted. */
    private Thread writer(boolean[] running) {
        Thread thread = new Thread(() -> {
            for (int i = 0; running[0]; i++) {
                Shell.run(dir, stack.pgEnv(), 10, List.of("psql", "-X", "-q", "-h", "127.0.0.1", "-p",
                    String.valueOf(stack.pgPort), "-U", "merq", "-d", "merq", "-c",
                    "insert into users (email) values ('during" + i + "@merq.example')"));
                TestStack.sleep(200);
            }
        }, "writer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void theAppAnswersThroughTheRestoreIsDownOnlyAroundTheSwapAndUndoPutsTheOldDatabaseBack() throws Exception {
        String name = backup();
        stack.psql("insert into users (email) select 'late' || g || '@merq.example' from generate_series(1, 100) g");
        boolean[] writing = {true};
        RollbackCli.Run run;
        long longestGap;
        try (Poller poller = new Poller(stack.backendPort)) {
            Thread writer = writer(writing);
            TestStack.sleep(500);
            run = stack.rollback("db-restore", "--backup", name, "--keep-serving", "--yes", "-o", "json");
            TestStack.sleep(500);
            writing[0] = false;
            writer.join(15_000);
            longestGap = poller.longestGapMillis();
            assertThat(poller.answers()).isGreaterThan(20);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = run.json().path("result");
        long restoreMs = run.step("restore-scratch").path("durationMs").asLong();
        assertThat(restoreMs).as("the restore must take seconds for this test to mean anything").isGreaterThan(3_000);
        assertThat(longestGap).as("the longest the app did not answer, against a restore of " + restoreMs + " ms")
            .isLessThan(3_000).isLessThan(restoreMs / 2);
        long reported = result.path("appDowntimeMs").asLong(-1);
        System.out.printf("keep-serving: restore-scratch %d ms, outside poller's longest gap %d ms, appDowntimeMs %d,"
            + " stopToHealthyMs %d%n", restoreMs, longestGap, reported, result.path("stopToHealthyMs").asLong());
        assertThat(reported).isBetween(0L, 3_000L);
        assertThat(result.path("stopToHealthyMs").asLong()).isLessThan(restoreMs);
        List<String> order = new ArrayList<>();
        run.json().path("steps").forEach(step -> order.add(step.path("id").asText()));
        assertThat(order.indexOf("stop-app")).isGreaterThan(order.indexOf("verify-scratch"))
            .isEqualTo(order.indexOf("swap") - 1);
        assertThat(result.path("keptOldDatabaseAlsoHolds").asText()).contains("while the restore ran");
        assertThat(stack.psql("select count(*) from users where email not like 'during%'")).isEqualTo("500");
        assertThat(stack.psql("select count(*) from events")).isEqualTo(String.valueOf(EVENT_ROWS));
        String kept = result.path("keptOldDatabase").asText();
        assertThat(Integer.parseInt(stack.psql(kept, "select count(*) from users where email like 'during%'")))
            .as("rows written while the restore ran are in the kept old database").isPositive();
        assertThat(stack.psql(kept, "select count(*) from users where email like 'late%'")).isEqualTo("100");

        RollbackCli.Run undo = stack.rollback("db-restore", "--undo", "--yes", "-o", "json");

        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(stack.psql("select count(*) from users where email like 'late%'")).isEqualTo("100");
        assertThat(undo.json().path("result").path("appDowntimeMs").isNumber()).isTrue();
    }

    @Test
    void aFailedGateAfterTheSwapPutsTheOldDatabaseBackAndStartsTheApp() throws Exception {
        String name = backup();
        stack.psql("insert into users (email) select 'late' || g || '@merq.example' from generate_series(1, 100) g");
        // A third check the restored stack never passes: the gate after the swap fails.
        Files.writeString(dir.resolve("rollback.yml"), config.replace("timeout: 20s", "timeout: 5s")
            .replace("    - { name: web,", "    - { name: gone, url: \"http://127.0.0.1:" + stack.webPort
                + "/gone\" }\n    - { name: web,"));

        RollbackCli.Run run = stack.rollback("db-restore", "--backup", name, "--keep-serving", "--yes", "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.step("verify").path("status").asText()).isEqualTo("failed");
        assertThat(run.step("undo:swap").path("status").asText()).isEqualTo("succeeded");
        assertThat(users()).isEqualTo("600");
        assertThat(stack.databases()).anyMatch(db -> db.startsWith("merq_failed_"));
        assertThat(stack.docker("inspect", "-f", "{{.State.Running}}", stack.container("backend")).out().strip())
            .isEqualTo("true");
        try (Poller poller = new Poller(stack.backendPort)) {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (poller.answers() == 0 && System.nanoTime() < deadline) {
                TestStack.sleep(100);
            }
            assertThat(poller.answers()).as("the app answers again on the old database").isPositive();
        }
    }
}
