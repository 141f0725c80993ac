package dev.rollback.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.e2e.RollbackCli;
import dev.rollback.e2e.Shell;
import dev.rollback.e2e.TestStack;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The secret audit: every command run with sentinel secrets in its environment (the database
 * password the stack really uses, and GitHub, Dokploy and DigitalOcean tokens), through the real
 * jar against the shared stack, with {@code -vv} so debug logs are audited too. After each run
 * the sentinels must be absent from stdout (the JSON report), stderr, every file of the state dir
 * (journal, ledger), every file of the backups dir (dumps, volume archives and incident bundles
 * read decompressed), the argv of every process started meanwhile, what every container
 * created meanwhile was started with, and the body of every webhook post (a JSON and a Slack
 * webhook on a local receiver: every changing run posts its start and end). Writes {@code target/secret-audit.md}.
 */
@ExtendWith(SharedStack.class)
class SecretAuditIT {
    static final GeneratedTable TABLE = new GeneratedTable("secret-audit", "## Secret audit", "audit",
        "command", "exit", "places checked", "result");
    private static final Sentinels SENTINELS = new Sentinels();
    private static TestStack stack;
    private static long startedNanos;
    private final List<String> failures = new ArrayList<>();
    /** The argv sampled during the last run: to show the sampler does see the children that matter. */
    private List<String> lastArgvs = List.of();

    private static final String DOCKER = "docker: { helper-image: \"rollback-fixture/busybox:latest\" }\n";
    private static HttpServer receiver;
    private static final List<String> webhookBodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void checkout(TestStack shared) throws IOException {
        stack = shared;
        startedNanos = System.nanoTime();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String hooks = "http://127.0.0.1:" + receiver.getAddress().getPort();
        stack.writeConfig(DOCKER + "notify:\n  webhooks:\n    - { url: \"" + hooks + "/json\" }\n"
            + "    - { url: \"" + hooks + "/slack\", format: slack }\n");
        StackCheckout.ensure(stack);
        stack.awaitHealthy();
    }

    @AfterAll
    static void writeTable() throws IOException {
        receiver.stop(0);
        stack.writeConfig(DOCKER); // the shared stack's next test must not post to a receiver that is gone
        TABLE.write();
    }

    @Test
    void noSecretLeavesTheEnvironment() {
        audit("release record", 0, Map.of(), "release", "record", "--yes");
        audit("release list", 0, Map.of(), "release", "list");
        audit("backup --volumes --config-files", 0, Map.of(), "backup", "--volumes", "--config-files", "--yes");
        assertThat(lastArgvs).as("the helpers' tar, inside their containers, is sampled").anyMatch(argv -> argv.contains("tar "));
        audit("backup (pg_dump in the database container)", 0, Map.of("ROLLBACK_DATABASE_TOOLS", "container"),
            "backup", "--yes");
        assertThat(lastArgvs).as("docker exec and pg_dump in the container are sampled")
            .anyMatch(argv -> argv.startsWith("docker exec")).anyMatch(argv -> argv.startsWith("pg_dump"));
        audit("backups", 0, Map.of(), "backups");
        // Log lines of this audit only: the bad-input cases on the shared stack leave FATAL lines
        // (a wrong password, a database that does not exist) in PostgreSQL's log on purpose.
        audit("verify", 0, Map.of(), "verify", "--logs-since", (System.nanoTime() - startedNanos) / 1_000_000 + "ms");
        audit("plan", 0, Map.of(), "plan", "--severity", "minor");
        audit("check-migrations", 0, Map.of(), "check-migrations", "--from", "HEAD", "--to", "HEAD");
        newRelease("v2");
        audit("redeploy", 0, Map.of(), "redeploy", "--yes");
        audit("db-restore", 0, Map.of(), "db-restore", "--backup", "latest", "--yes");
        // Without its volume archives: backup --volumes above ran the same helpers, and archiving
        // the database's files again would cost more time than it adds to the audit.
        audit("recreate", 0, Map.of(), "recreate", "--to", "HEAD", "--no-volume-backup", "--yes");
        JsonNode incident = audit("incident", 0, Map.of(), "incident");
        bundleMembers(incident.path("result").path("incidentBundle").asText());
        audit("history", 0, Map.of(), "history");
        audit("infra-rebuild --provider local --dry-run", 0, Map.of(), "infra-rebuild", "--provider", "local",
            "--dry-run", "--yes");
        audit("infra-rebuild --provider digitalocean (API unreachable)", 4, Map.of("ROLLBACK_DIGITALOCEAN_DROPLET_ID", "1",
            "ROLLBACK_DIGITALOCEAN_API_URL", "http://127.0.0.1:1"), "infra-rebuild", "--provider", "digitalocean", "--yes");
        audit("redeploy, Dokploy target (API unreachable)", 4, Map.of("ROLLBACK_STACK_TARGET", "dokploy",
            "ROLLBACK_DOKPLOY_URL", "http://127.0.0.1:1", "ROLLBACK_DOKPLOY_APPLICATION_ID", "app1"), "redeploy", "--yes");
        audit("revert --mode pr (no remote)", 3, Map.of(), "revert", "--mode", "pr", "--yes");
        audit("blue-green (no Caddy in this stack)", 2, Map.of(), "blue-green", "--to", "HEAD", "--yes");

        assertThat(failures).as("secrets found, or commands that did not run as expected").isEmpty();
        assertThat(webhookBodies).as("the webhook bodies audited: start and end of the changing runs")
            .anyMatch(body -> body.contains("\"event\":\"end\"") && body.contains("\"command\":\"db-restore\""))
            .anyMatch(body -> body.contains("\"error\":\""));
    }

    /** What a deploy pipeline does: deploy a version and record it, so that redeploy has a previous release. */
    private void newRelease(String version) {
        stack.deploy(version);
        stack.awaitHealthy();
        RollbackCli.Run run = stack.rollback("release", "record", "--yes");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private JsonNode audit(String name, int exit, Map<String, String> env, String... args) {
        String[] json = new String[args.length + 3];
        System.arraycopy(args, 0, json, 0, args.length);
        json[args.length] = "-o";
        json[args.length + 1] = "json";
        json[args.length + 2] = "-vv";
        RollbackCli.Run run = run(name, exit, env, json, "stdout (JSON report)");
        return exit == 0 || run.out().startsWith("{") ? run.json() : null;
    }

    private RollbackCli.Run run(String name, int exit, Map<String, String> env, String[] args, String stdout) {
        Map<String, String> environment = new HashMap<>(stack.env());
        environment.putAll(SENTINELS.environment());
        environment.putAll(env);
        RollbackCli.Run run;
        List<String> argvs;
        List<String> containers;
        int gone;
        int bodiesBefore = webhookBodies.size();
        try (ArgvSampler sampler = ArgvSampler.start(); HelperContainers helpers = HelperContainers.watch(stack.project)) {
            run = stack.rollback(environment, args);
            sampler.close();
            helpers.close();
            argvs = sampler.argvs();
            lastArgvs = argvs;
            containers = helpers.inspected();
            gone = helpers.missed();
        }
        System.out.printf("secret audit: %s took %d ms%n", name, run.millis());
        List<String> leaks = new ArrayList<>();
        SENTINELS.find(run.out()).forEach(secret -> leaks.add(secret + " in stdout"));
        SENTINELS.find(run.err()).forEach(secret -> leaks.add(secret + " in stderr: " + SENTINELS.firstLineWithSecret(run.err())));
        argvs.forEach(argv -> SENTINELS.find(argv).forEach(secret -> leaks.add(secret + " in argv: "
            + SENTINELS.firstLineWithSecret(argv))));
        containers.forEach(c -> SENTINELS.find(c).forEach(secret -> leaks.add(secret + " in container: "
            + SENTINELS.firstLineWithSecret(c))));
        List<String> bodies = List.copyOf(webhookBodies.subList(bodiesBefore, webhookBodies.size()));
        bodies.forEach(body -> SENTINELS.find(body).forEach(secret -> leaks.add(secret + " in a webhook body: "
            + SENTINELS.firstLineWithSecret(body))));
        SENTINELS.findInFiles(stack.stateDir, path -> false).forEach(hit -> leaks.add("state dir " + hit));
        SENTINELS.findInFiles(stack.backups, SecretAuditIT::envFileCopy).forEach(hit -> leaks.add("backups " + hit));
        if (run.exitCode() != exit) {
            failures.add(name + ": exit " + run.exitCode() + ", expected " + exit + ": " + run.err().lines()
                .reduce((first, second) -> second).orElse(""));
        }
        leaks.forEach(leak -> failures.add(name + ": " + leak));
        String places = stdout + ", stderr (-vv), state dir (journal, ledger), backups dir (dumps, archives, bundles), "
            + "argv of " + argvs.size() + " processes started on the host meanwhile, what " + containers.size()
            + " containers of the stack were started with, " + bodies.size() + " webhook bodies" + (gone == 0 ? "" : " (" + gone + " more, helpers, were gone"
            + " before they could be inspected: their processes are in the argv sample)");
        TABLE.add(String.format("%03d", TABLE.size()), GeneratedTable.code("rollback " + String.join(" ", args)) + " (" + name + ")",
            String.valueOf(run.exitCode()), places, leaks.isEmpty() ? "clean" : "LEAK: " + String.join("; ", leaks));
        return run;
    }

    /**
     * The stack's own .env, copied by {@code backup --config-files} and {@code recreate} because the
     * strategies document says to back it up: it holds DB_PASSWORD by the operator's design, so it is the one file not audited.
     */
    private static boolean envFileCopy(Path file) {
        return file.getFileName().toString().equals(".env") && file.getParent().getFileName().toString().contains("-config_");
    }

    private void bundleMembers(String bundle) {
        assertThat(bundle).as("incident bundle path").isNotBlank();
        String listing = Shell.ok(null, Map.of(), "tar", "tzf", bundle).out();
        assertThat(listing.lines().count()).as("members of the incident bundle").isGreaterThan(3);
        String content = Shell.ok(null, Map.of(), "tar", "xzf", bundle, "-O").out();
        SENTINELS.find(content).forEach(secret -> failures.add("incident bundle: " + secret));
    }
}
