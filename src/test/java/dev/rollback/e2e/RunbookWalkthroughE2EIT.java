package dev.rollback.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.rollback.adapters.digitalocean.DigitalOceanApiStub.DROPLET;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.rollback.adapters.digitalocean.DigitalOceanApiStub;
import dev.rollback.contract.ContractRecorder;
import dev.rollback.contract.DigitalOceanContract;
import dev.rollback.cli.RunbookPages;
import dev.rollback.core.Json;
import dev.rollback.inputs.GeneratedTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Issue 9: "every command in docs/ has been run". Every {@code rollback …} command on the runbook
 * pages ({@link RunbookPages}: the rule {@code RunbookCommandsTest} parses them with) is run here
 * as an operator types it, through the launcher on the built jar ({@link RollbackCli#launcher()}),
 * against a live stack, in the order a story needs it:
 * <ul>
 *   <li>a merq stack (compose, PostgreSQL, a git checkout): a release recorded, a broken deploy,
 *       plan, level 1 three ways (by hand, as CI, through {@code plan --execute});</li>
 *   <li>a merq stack with named volumes: a deploy whose migration changes data one way, the
 *       checklist's backups, level 3 and its undo, level 4 on this host;</li>
 *   <li>a stack behind Caddy whose versions are commits: recreate, blue-green, volume archives
 *       refilled by level 4;</li>
 *   <li>a bare remote with an auto-deployer stand-in: level 2, pushed and as a pull request;</li>
 *   <li>level 4 on DigitalOcean against a WireMock stub of its API.</li>
 * </ul>
 * Each command asserts the exit code the contract gives it in that situation and one fact of the
 * real state afterwards. The bare command names run without a terminal, as a script that forgot
 * {@code --yes} (refused, exit 3, nothing changed); the two commands the pages have an operator type
 * at a terminal run on a pseudo-terminal that answers the prompt. The five stories run side by side.
 * A command on the pages that no story runs and that {@link #NOT_RUNNABLE} does not list fails the
 * test, as does a story command that is on no page. The table of runs goes to {@code target/runbook-walkthrough.md} (copied into
 * docs/runbook/README.md by testbed/reliability-tables.sh).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
class RunbookWalkthroughE2EIT {
    /** Placeholders on the pages → what stands for them here (each story fills in the real value). */
    private static final Map<String, String> PLACEHOLDERS = Map.of(
        "merq_20240101_020000.sql", "the pre_deploy dump taken before the bad deploy",
        "3f2a9c1", "the short SHA of the bad commit",
        "REV", "the good commit of the stack behind Caddy");

    /**
     * Commands on the pages that cannot run here, with the reason. None today: DigitalOcean runs
     * against a stub of its API, and the pull request without a GitHub token (the tool prints the
     * compare URL, as the page says).
     */
    private static final Map<String, String> NOT_RUNNABLE = Map.of();

    private static final String HELPER = "docker: { helper-image: \"rollback-fixture/busybox:latest\" }\n";
    private static final String DAMAGED = "select count(*) from users where email <> lower(email)";

    private final Map<String, List<String>> pages = RunbookPages.distinct();
    private final List<String> order = new ArrayList<>(pages.keySet());
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Set<String> ran = ConcurrentHashMap.newKeySet();
    /** What each run printed, in the order they ran: {@code target/runbook-walkthrough.log}. */
    private final List<String> transcript = Collections.synchronizedList(new ArrayList<>());
    private final GeneratedTable table = new GeneratedTable("runbook-walkthrough", "## Every command here has been run",
        "walkthrough", "command", "page", "exit", "first line of output", "duration");

    /** Where a command runs: its directory (with {@code rollback.yml}) and the operator's environment. */
    private record Where(Path dir, Map<String, String> env) {
    }

    @Test
    void levelOneAfterABrokenDeploy(@TempDir Path dir) throws Exception {
        try (TestStack stack = TestStack.up(dir, "v1", 10)) {
            inACheckout(stack);
            Where merq = new Where(dir, stack.env());
            String v1 = stack.imageIdOf("rollback-fixture/app:v1");
            String broken = stack.imageIdOf("rollback-fixture/app:broken");

            // Before a deploy: the release that works, healthy, is recorded.
            stack.awaitHealthy("postgres", "backend", "web");
            run(merq, "rollback release record --yes", 0,
                r -> assertThat(lines(stack.stateDir.resolve("releases.jsonl"))).hasSize(1));
            String release = Json.MAPPER.readTree(lines(stack.stateDir.resolve("releases.jsonl")).get(0)).path("id").asText();
            run(merq, "rollback release list", 0, r -> assertThat(r.out()).contains(release));

            // A deploy with a harmless migration and a code bug.
            commitMigration(dir, "V2__nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;\n");
            stack.deploy("broken");
            stack.psql("ALTER TABLE users ADD COLUMN nickname text");
            run(merq, "rollback check-migrations --from previous", 0,
                r -> assertThat(r.out()).contains("V2__nickname.sql").contains("code-rollback-enough"));
            run(merq, "rollback plan --severity critical", 0, r -> assertThat(r.out()).contains(" redeploy"));
            run(merq, "rollback plan --severity minor", 0, r -> assertThat(r.out()).contains(" redeploy"));
            run(merq, "rollback incident", 0, r -> assertThat(backups(stack, "incident_")).hasSize(1));
            run(merq, "rollback redeploy --dry-run", 0, r -> assertThat(stack.runningImageId("backend")).isEqualTo(broken));
            for (String withoutYes : List.of("rollback redeploy", "rollback level1", "rollback recreate",
                "rollback infra-rebuild", "rollback level4")) {
                refusedWithoutATerminal(merq, withoutYes, () -> stack.runningImageId("backend"), broken);
            }
            run(merq, "rollback redeploy --yes", 0, r -> assertThat(stack.runningImageId("backend")).isEqualTo(v1));
            run(merq, "rollback verify", 0, r -> assertThat(r.out()).contains("query"));
            run(merq, "rollback history --level 1", 0, r -> assertThat(r.out()).contains("redeploy"));

            stack.deploy("broken");   // again, and CI rolls it back
            run(merq, "rollback redeploy --yes --output json", 0, r -> {
                assertThat(r.json().path("status").asText()).isEqualTo("succeeded");
                assertThat(stack.runningImageId("web")).isEqualTo(v1);
            });
            stack.deploy("broken");   // and once more: an operator follows the plan
            atTerminal(merq, "rollback plan --severity critical --execute", "yes", 0, r -> {
                assertThat(r.out()).contains("Type 'yes' to continue");
                assertThat(stack.runningImageId("backend")).isEqualTo(v1);
            });
            run(merq, "rollback history", 0, r -> assertThat(r.out()).contains("redeploy").contains("release record"));
        }
    }

    @Test
    void levelsThreeAndFourAfterAOneWayDataMigration(@TempDir Path dir) throws Exception {
        try (TestStack stack = TestStack.up(dir, "v1", 20, true)) {
            stack.writeConfig(HELPER);
            inACheckout(stack);
            Where merq = new Where(dir, stack.env());
            String v1 = stack.imageIdOf("rollback-fixture/app:v1");
            String v2 = stack.imageIdOf("rollback-fixture/app:v2");
            RollbackCli.Run record = stack.rollback("release", "record", "--yes");
            assertThat(record.exitCode()).as(record.err()).isZero();

            // The checklist before a deploy whose migration changes data one way.
            commitMigration(dir, "V2__upper_emails.sql", "UPDATE users SET email = upper(email);\n");
            run(merq, "rollback check-migrations --from current --to HEAD", 1,
                r -> assertThat(r.out()).contains("V2__upper_emails.sql").contains("dangerous"));
            run(merq, "rollback backup --volumes --yes", 0,
                r -> assertThat(backups(stack, stack.project + "_uploads_")).hasSize(1));
            run(merq, "rollback backup --label pre_deploy --yes", 0,
                r -> values.put("merq_20240101_020000.sql", backups(stack, "pre_deploy_").get(0)));
            String preDeploy = values.get("merq_20240101_020000.sql");
            deployTheDataMigration(stack);

            // Level 3: the app is healthy, its data is not.
            run(merq, "rollback check-migrations --from previous --to HEAD", 1,
                r -> assertThat(r.out()).contains("V2__upper_emails.sql").contains("dangerous"));
            run(merq, "rollback backups", 0, r -> assertThat(r.out()).contains(preDeploy));
            run(merq, "rollback level3 --backup merq_20240101_020000.sql --dry-run", 0,
                r -> assertThat(stack.psql(DAMAGED)).isEqualTo("20"));
            atTerminal(merq, "rollback level3 --backup merq_20240101_020000.sql", "merq", 0, r -> {
                assertThat(r.out()).contains("Type 'merq' to continue");
                assertThat(stack.psql(DAMAGED)).isEqualTo("0");
                assertThat(stack.runningImageId("backend")).isEqualTo(v2);
            });
            run(merq, "rollback db-restore --undo --yes", 0, r -> assertThat(stack.psql(DAMAGED)).isEqualTo("20"));
            run(merq, "rollback level3 --backup latest --redeploy previous --yes", 0, r -> {
                assertThat(stack.psql(DAMAGED)).isEqualTo("0");
                assertThat(stack.runningImageId("backend")).isEqualTo(v1);
            });
            for (String withoutBackup : List.of("rollback db-restore", "rollback level3")) {
                run(merq, withoutBackup, 2, r -> assertThat(r.err()).contains("give one of --backup FILE|latest, --to-release ID", "or --undo"));
            }
            stack.psql("UPDATE users SET email = upper(email)");
            run(merq, "rollback level3 --backup latest --yes --output json", 0, r -> {
                assertThat(r.json().path("level").asInt()).isEqualTo(3);
                assertThat(stack.psql(DAMAGED)).isEqualTo("0");
            });
            run(merq, "rollback history --level 3", 0, r -> assertThat(r.out()).contains("db-restore"));

            // Level 4 on this host: containers and network gone, the data damaged once more.
            run(merq, "rollback level4 --provider local --restore-db latest --dry-run", 0,
                r -> assertThat(running(stack, "web")).isEqualTo("true"));
            stack.psql("UPDATE users SET email = upper(email)");
            stack.compose("down", "--remove-orphans", "-t", "1");
            run(merq, "rollback level4 --provider local --restore-db latest --yes", 0, r -> {
                assertThat(stack.psql(DAMAGED)).isEqualTo("0");
                assertThat(stack.runningImageId("web")).isEqualTo(v1);
            });
            run(merq, "rollback verify --logs-since 5m --output json", 0,
                r -> assertThat(r.json().path("status").asText()).isEqualTo("succeeded"));
            run(merq, "rollback history --level 4", 0, r -> assertThat(r.out()).contains("infra-rebuild"));
        }
    }

    @Test
    void recreateBlueGreenAndVolumesBehindCaddy(@TempDir Path dir) throws Exception {
        try (BlueGreenStack stack = new BlueGreenStack(dir)) {
            stack.git("tag", "v1.4.2", stack.commitA);
            values.put("REV", stack.commitA.substring(0, 12));
            Where caddy = new Where(dir, stack.env());
            stack.deploy(stack.commitB);   // the bad release serves

            run(caddy, "rollback recreate --to HEAD~1 --dry-run", 0,
                r -> assertThat(stack.get("/version")).isEqualTo("broken"));
            run(caddy, "rollback recreate --to HEAD~1 --yes", 0, r -> {
                assertThat(stack.get("/version")).isEqualTo("v1");
                assertThat(stack.git("rev-parse", "HEAD").strip()).isEqualTo(stack.commitB);
            });
            stack.deploy(stack.commitB);
            refusedWithoutATerminal(caddy, "rollback blue-green --to REV", () -> stack.get("/version"), "broken");
            run(caddy, "rollback blue-green --to v1.4.2 --dry-run", 0,
                r -> assertThat(stack.get("/api/version")).isEqualTo("broken"));
            run(caddy, "rollback blue-green --to v1.4.2 --yes", 0, r -> {
                assertThat(stack.get("/api/version")).isEqualTo("v1");
                assertThat(stack.containers(stack.project + "-green")).isEmpty();
            });

            // Volumes: archived with the stack stopped (docs/volumes.md), refilled by level 4.
            stack.awaitHealthy();
            RollbackCli.Run record = stack.rollback(Map.of(), "release", "record", "--yes");
            assertThat(record.exitCode()).as(record.err()).isZero();
            stack.composeCli("stop");
            run(caddy, "rollback backup --no-database --volumes", 0, r -> assertThat(dir.resolve("backups").toFile().list())
                .anyMatch(name -> name.startsWith(stack.project + "_uploads_")));
            stack.composeCli("start");
            String backend = stack.container("backend");
            BlueGreenStack.docker("exec", backend, "sh", "-c", "echo late > /uploads/late.txt");
            run(caddy, "rollback level4 --provider local --restore-volumes latest --yes", 0, r -> {
                assertThat(Shell.run(dir, Map.of(), "docker", "exec", backend, "test", "-e", "/uploads/late.txt")
                    .exitCode()).as("a file written after the archive").isEqualTo(1);
                assertThat(stack.get("/version")).isEqualTo("v1");
            });
        }
    }

    @Test
    void levelTwoAgainstARealRemote(@TempDir Path dir) throws Exception {
        try (GitStack git = new GitStack(dir)) {
            git.writeConfig("");
            Map<String, String> env = new HashMap<>(GitStack.isolated());
            env.put("GITHUB_TOKEN", null);   // no token: the pull request's compare URL is printed
            Where repo = new Where(dir, env);
            git.pushCommit("feature.txt", "good\n", "feat: a good change");
            git.pushCommit("health.txt", "broken\n", "fix: tune the health endpoint");
            String deployed = git.remoteHead();

            for (String withoutYes : List.of("rollback revert", "rollback level2")) {
                refusedWithoutATerminal(repo, withoutYes, git::remoteHead, deployed);
            }
            run(repo, "rollback revert --dry-run", 0, r -> assertThat(git.remoteHead()).isEqualTo(deployed));
            run(repo, "rollback revert --yes", 0, r -> assertThat(git.remoteFile("main", "health.txt")).isEqualTo("ok\n"));
            GitStack.git(git.developer, "pull", "-q", "--ff-only");
            String bad = git.pushCommit("health.txt", "broken again\n", "fix: tune it once more");
            values.put("3f2a9c1", bad.substring(0, 7));
            run(repo, "rollback revert --commit 3f2a9c1 --mode pr --dry-run", 0,
                r -> assertThat(git.remoteHead()).isEqualTo(bad));
            run(repo, "rollback revert --commit 3f2a9c1 --mode pr --yes", 0, r -> {
                assertThat(git.remoteFile("revert-" + bad.substring(0, 7), "health.txt")).isEqualTo("ok\n");
                assertThat(git.remoteHead()).isEqualTo(bad);
            });
            run(repo, "rollback history --level 2", 0, r -> assertThat(r.out()).contains("revert"));
        }
    }

    @Test
    void levelFourOnDigitalOceanAgainstAStubOfItsApi(@TempDir Path dir) throws Exception {
        ContractRecorder contract = new ContractRecorder(new DigitalOceanContract());
        WireMockServer api = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
            .extensions(contract));
        api.start();
        try (VirtualHosts server = new VirtualHosts(Set.of("api.example.com", "admin.example.com"))) {
            DigitalOceanApiStub stub = new DigitalOceanApiStub(new WireMock("127.0.0.1", api.port()), api.baseUrl());
            InfraRebuildDigitalOceanE2EIT.dropletConfig(dir, server, stub);
            InfraRebuildDigitalOceanE2EIT.dropletWithImages(stub, "127.0.0.1");
            stub.dropletAction(DROPLET, "rebuild", 501);
            stub.actionPolls(501, "rebuild", DROPLET, 1, "completed");
            Where droplet = new Where(dir, DigitalOceanApiStub.ENV);

            run(droplet, "rollback level4 --provider digitalocean --dry-run", 0, r -> {
                api.verify(0, postRequestedFor(anyUrl()));
                api.verify(0, putRequestedFor(anyUrl()));
            });
            run(droplet, "rollback level4 --provider digitalocean --yes", 0, r -> {
                api.verify(postRequestedFor(urlPathEqualTo("/v2/droplets/" + DROPLET + "/actions")));
                api.verify(2, putRequestedFor(urlPathMatching("/v2/domains/example.com/records/.*")));
            });

            api.resetAll();   // a droplet that is gone for good: a new one from the newest snapshot
            InfraRebuildDigitalOceanE2EIT.dnsRecords(stub);
            InfraRebuildDigitalOceanE2EIT.dropletWithImages(stub, InfraRebuildDigitalOceanE2EIT.OLD_IP);
            stub.createDroplet(777, "merq-prod-rebuild");
            stub.dropletBecomesActive(777, "merq-prod-rebuild", 1, "127.0.0.1");
            run(droplet, "rollback level4 --provider digitalocean --new-server --yes", 0, r -> {
                api.verify(postRequestedFor(urlPathEqualTo("/v2/droplets")));
                api.verify(2, putRequestedFor(anyUrl()));
            });
            contract.assertNoViolations();
        } finally {
            api.stop();
        }
    }

    /** Every command on the pages ran, or is listed as not runnable with its reason; then the table. */
    @AfterAll
    void everyCommandOnThePagesRan() {
        NOT_RUNNABLE.forEach((command, reason) -> table.add(String.format(Locale.ROOT, "%03d", order.indexOf(command)),
            GeneratedTable.code(command), String.join(", ", pages.get(command)), "not run", reason, ""));
        table.write();
        try {
            Files.writeString(Path.of(System.getProperty("rollback.basedir", ".")).resolve("target/runbook-walkthrough.log"),
                String.join("\n", transcript));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(NOT_RUNNABLE.keySet()).as("listed as not runnable, but not on the pages").allMatch(pages::containsKey);
        assertThat(NOT_RUNNABLE.keySet()).as("listed as not runnable, yet run").doesNotContainAnyElementsOf(ran);
        Set<String> missing = new LinkedHashSet<>(pages.keySet());
        missing.removeAll(ran);
        missing.removeAll(NOT_RUNNABLE.keySet());
        assertThat(missing).as("commands on the runbook pages that no story runs and NOT_RUNNABLE does not list").isEmpty();
    }

    private RollbackCli.Run run(Where where, String command, int exit, Consumer<RollbackCli.Run> fact) {
        return record(where, command, exit, fact, args -> RollbackCli.run(RollbackCli.launcher(), where.dir(), where.env(),
            withConfig(where, args)));
    }

    /** As {@link #run}, at a terminal where the operator types {@code typed} when asked to confirm. */
    private RollbackCli.Run atTerminal(Where where, String command, String typed, int exit, Consumer<RollbackCli.Run> fact) {
        return record(where, command, exit, fact, args -> RollbackCli.atTerminal(RollbackCli.launcher(), where.dir(),
            where.env(), typed, withConfig(where, args)));
    }

    private static String[] withConfig(Where where, String[] args) {
        return Stream.concat(Stream.of("--config", where.dir().resolve("rollback.yml").toString()), Stream.of(args))
            .toArray(String[]::new);
    }

    private RollbackCli.Run record(Where where, String command, int exit, Consumer<RollbackCli.Run> fact,
                                   Function<String[], RollbackCli.Run> runner) {
        assertThat(pages).as("a command the walkthrough runs must be on the runbook pages").containsKey(command);
        assertThat(ran.add(command)).as("run once: " + command).isTrue();
        String[] args = Stream.of(command.split("\\s+")).skip(1).map(this::substitute).toArray(String[]::new);
        RollbackCli.Run run = runner.apply(args);
        transcript.add(String.format(Locale.ROOT, "$ rollback %s    # %s, exit %d, %d ms%n%s%s%n", String.join(" ", args),
            command, run.exitCode(), run.millis(), run.out(), run.err()));
        table.add(String.format(Locale.ROOT, "%03d", order.indexOf(command)), GeneratedTable.code(command),
            String.join(", ", pages.get(command)), String.valueOf(run.exitCode()),
            GeneratedTable.code(firstLine(run, where.dir())), String.format(Locale.ROOT, "%.1f s", run.millis() / 1000.0));
        assertThat(run.exitCode()).as(command + " ran as rollback " + String.join(" ", args) + "\nstdout:\n" + run.out()
            + "\nstderr:\n" + run.err()).isEqualTo(exit);
        fact.accept(run);
        return run;
    }

    private String substitute(String word) {
        if (!PLACEHOLDERS.containsKey(word)) {
            return word;
        }
        String value = values.get(word);
        assertThat(value).as("the story has not yet made " + word + " (" + PLACEHOLDERS.get(word) + ")").isNotNull();
        return value;
    }

    /**
     * The first line the operator reads: of the report on stdout, else of stderr (a JSON report: its
     * command and status); temporary paths shortened.
     */
    private static String firstLine(RollbackCli.Run run, Path dir) {
        if (run.out().startsWith("{")) {
            return "{\"command\": \"" + run.json().path("command").asText() + "\", \"status\": \""
                + run.json().path("status").asText() + "\", …}";
        }
        for (String text : List.of(run.out(), run.err())) {
            String first = text.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").lines().map(String::strip)
                .filter(line -> !line.isEmpty()).findFirst().orElse("");
            if (!first.isEmpty()) {
                first = first.replace(dir.toAbsolutePath() + "/", "./").replace(dir.toAbsolutePath().toString(), ".");
                return first.length() > 110 ? first.substring(0, 110) + "…" : first;
            }
        }
        return "";
    }

    /**
     * Without --yes and without a terminal: every check passed and only the confirmation is missing
     * (exit 3, "re-run with --yes"), and what {@code state} reads is still {@code unchanged}.
     */
    private void refusedWithoutATerminal(Where where, String command, Supplier<String> state, String unchanged) {
        run(where, command, 3, r -> {
            assertThat(r.err()).contains("re-run with --yes");
            assertThat(state.get()).isEqualTo(unchanged);
        });
    }

    /** The stack's directory becomes a git checkout whose first commit has the stack and its first migration. */
    private static void inACheckout(TestStack stack) throws IOException {
        Files.writeString(stack.dir.resolve(".gitignore"), ".env\n.rollback/\nbackups/\n");   // .env holds the password
        GitStack.git(stack.dir, "init", "-q", "-b", "main");
        commitMigration(stack.dir, "V1__users.sql", "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE);\n");
        stack.awaitHealthy();
    }

    private static void commitMigration(Path dir, String name, String sql) throws IOException {
        Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(dir.resolve("db/migrations/" + name), sql);
        GitStack.git(dir, "add", "-A");
        GitStack.git(dir, "commit", "-q", "-m", "migration " + name);
    }

    /** The pipeline deploys v2 and runs its migration: every e-mail upper-cased (logins break; /health does not). */
    private static void deployTheDataMigration(TestStack stack) {
        stack.deploy("v2");
        stack.psql("UPDATE users SET email = upper(email)");
    }

    private static String running(TestStack stack, String service) {
        return stack.docker("inspect", "-f", "{{.State.Running}}", stack.container(service)).out().strip();
    }

    /** Names in the backups dir that start with {@code prefix}, newest first. */
    private static List<String> backups(TestStack stack, String prefix) {
        try (Stream<Path> files = Files.list(stack.backups)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith(prefix))
                .sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
