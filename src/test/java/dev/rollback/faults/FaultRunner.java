package dev.rollback.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.Json;
import dev.rollback.e2e.LockFile;
import dev.rollback.e2e.RollbackCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one fault case on a {@link FaultSubject}: the command with the fault injected, then every
 * invariant (each recorded in the {@link FaultMatrix}), then a re-run that must converge.
 */
final class FaultRunner {
    private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

    private final FaultSubject subject;
    private final List<String> plan;
    private final Map<String, Long> measuredMs = new LinkedHashMap<>();

    FaultRunner(FaultSubject subject) {
        this.subject = subject;
        this.plan = dryRunSteps();
    }

    /** The step ids of the command's plan, from a dry run. */
    List<String> plan() {
        return plan;
    }

    private List<String> dryRunSteps() {
        List<String> args = new ArrayList<>(subject.args());
        args.add("--dry-run");
        RollbackCli.Run run = RollbackCli.run(subject.dir(), subject.env(), args.toArray(String[]::new));
        assertThat(run.exitCode()).as("dry run of " + subject.command() + ": " + run.err()).isZero();
        List<String> ids = new ArrayList<>();
        run.json().path("steps").forEach(step -> ids.add(step.path("id").asText()));
        return ids;
    }

    void run(Fault fault) throws Exception {
        subject.reset();
        CaseChecks checks = new CaseChecks(subject.command(), fault.toString());
        int journalBefore = journal().size();
        Struck struck = strike(fault);

        if (subject.database() != null) {
            checks.check("live database whole", () -> {
                String live = subject.database();
                assertThat(subject.wholeDatabases()).as("live database after the fault").contains(live);
                return live;
            });
        }
        checks.check("serves old or target", () -> servesOldOrTarget(fault, struck));
        if (fault.kills()) {
            checks.check("lock left is recoverable", () -> lockOfDeadProcess(struck.pid()));
        } else {
            checks.check("failure reported and journaled", () -> reportedAndJournaled(struck, journalBefore));
        }
        List<String> leftovers = subject.leftovers();
        RollbackCli.Run rerun = rerun();
        checks.check("re-run converges", () -> {
            assertThat(rerun.exitCode()).as("re-run exit code; stderr: " + rerun.err()).isZero();
            assertThat(subject.served()).isEqualTo(subject.targetVersion());
            rememberDurations(rerun.json());
            return "exit 0 in " + rerun.millis() + " ms, serves " + subject.targetVersion();
        });
        checks.check("nothing left unreported", () -> nothingUnreported(leftovers, struck, rerun));
        checks.check("journal whole, run recorded", () -> journalAfter(fault, journalBefore));
        checks.check("lock released", () -> {
            assertThat(LockFile.isFree(subject.stateDir())).as("lock free after the re-run").isTrue();
            return "lock free after the re-run";
        });
        checks.verify();
    }

    private RollbackCli.Run rerun() {
        return RollbackCli.run(subject.dir(), subject.env(), subject.args().toArray(String[]::new));
    }

    /** What the faulted run left: its pid, exit code (-9 when killed), output, and what it did to the stack. */
    private record Struck(long pid, int exitCode, String out, String err) {
    }

    private Struck strike(Fault fault) throws Exception {
        TcpProxy proxy = switch (fault.kind()) {
            case DOCKER_GONE -> TcpProxy.toUnixSocket(DOCKER_SOCKET);
            case DATABASE_GONE -> TcpProxy.toLocalPort(subject.databasePort());
            default -> null;
        };
        Map<String, String> env = new HashMap<>(subject.env());
        List<String> jvm = new ArrayList<>();
        if (fault.kind() == Fault.Kind.KILL_BEFORE) {
            jvm.add("-Drollback.fault.pauseBefore=" + fault.step());
        } else if (fault.kind() == Fault.Kind.DOCKER_GONE) {
            env.put("DOCKER_HOST", "tcp://127.0.0.1:" + proxy.port());
        } else if (fault.kind() == Fault.Kind.DATABASE_GONE) {
            env.put("ROLLBACK_DATABASE_PORT", String.valueOf(proxy.port()));
            env.put("ROLLBACK_DATABASE_TOOLS", "host");   // every connection of the tool goes through the proxy
        }
        CliProcess cli = CliProcess.start(subject.dir(), env, jvm, subject.args());
        try {
            if (fault.kind() == Fault.Kind.KILL_BEFORE) {
                cli.awaitLine("fault seam: paused before " + fault.step(), RUN_TIMEOUT);
            } else {
                cli.awaitLine(progressLine(fault.step()), RUN_TIMEOUT);
                Thread.sleep(delayOf(fault));
            }
            if (fault.kills()) {
                cli.kill();
                return new Struck(cli.pid(), -9, cli.out(), cli.err());
            }
            proxy.close();
            int exit = cli.waitFor(RUN_TIMEOUT);
            return new Struck(cli.pid(), exit, cli.out(), cli.err());
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    /** The executor's progress line for a step: {@code [k/n] description}. */
    private String progressLine(String step) {
        int index = plan.indexOf(step);
        assertThat(index).as(step + " in the plan " + plan).isNotNegative();
        return "[" + (index + 1) + "/" + plan.size() + "] ";
    }

    private long delayOf(Fault fault) {
        if (fault.delayMs() >= 0) {
            return fault.delayMs();
        }
        return Math.max(200, measuredMs.getOrDefault(fault.step(), 2000L) / 2);
    }

    private void rememberDurations(JsonNode report) {
        report.path("steps").forEach(step -> measuredMs.put(step.path("id").asText(), step.path("durationMs").asLong()));
    }

    private String servesOldOrTarget(Fault fault, Struck struck) {
        String served = subject.served();
        List<String> allowed = new ArrayList<>(List.of(subject.oldVersion(), subject.targetVersion()));
        if (served.startsWith("down") && fault.kills()) {
            return "down (killed with the app stopped; the re-run starts it)";
        }
        if (served.startsWith("down") && struck.out().contains("\"undo:") && struck.out().contains("failed")) {
            return "down, and the report says which undo failed";
        }
        // Two services half-way through a switch may answer differently: each must be old or target.
        List<String> answers = served.startsWith("mixed: ")
            ? List.of(served.substring(8, served.length() - 1).split(", ")) : List.of(served);
        assertThat(allowed).as("version served after " + fault).containsAll(answers);
        return served;
    }

    private String lockOfDeadProcess(long pid) throws Exception {
        Path lock = subject.stateDir().resolve("lock");
        assertThat(lock).as("the killed run's lock").exists();
        JsonNode holder = Json.MAPPER.readTree(Files.readString(lock));
        assertThat(holder.path("pid").asLong()).isEqualTo(pid);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        // The kernel released the killed run's lock: the re-run needs no takeover and no manual removal.
        assertThat(LockFile.isFree(subject.stateDir())).as("the killed run's lock is free").isTrue();
        return "lock names dead pid " + pid + ", free";
    }

    private String reportedAndJournaled(Struck struck, int journalBefore) throws Exception {
        assertThat(struck.exitCode()).as("exit code; stderr: " + struck.err()).isIn(1, 4);
        JsonNode report = Json.MAPPER.readTree(struck.out());
        assertThat(report.path("error").path("message").asText()).isNotBlank();
        List<JsonNode> journal = journal();
        assertThat(journal).as("journal entries").hasSize(journalBefore + 1);
        JsonNode entry = journal.get(journal.size() - 1);
        assertThat(entry.path("status").asText()).isIn("failed", "refused");
        assertThat(LockFile.isFree(subject.stateDir())).as("lock free after a failed run").isTrue();
        return "exit " + struck.exitCode() + ", journaled " + entry.path("status").asText() + ": "
            + entry.path("error").path("message").asText();
    }

    private String nothingUnreported(List<String> leftovers, Struck struck, RollbackCli.Run rerun) throws Exception {
        // A killed run's stderr is lost with its terminal: only reports, the journal and the re-run count.
        String reported = struck.out() + rerun.out() + rerun.err()
            + Files.readString(journalFile());
        List<String> unreported = subject.leftovers().stream()
            .filter(name -> !reported.contains(name)).toList();
        assertThat(unreported).as("left behind and named nowhere (fault run, re-run, journal)").isEmpty();
        List<String> remaining = subject.leftovers();
        return leftovers.isEmpty() ? "nothing left" : "left after the fault " + leftovers
            + (remaining.isEmpty() ? ", all gone after the re-run" : "; after the re-run " + remaining + ", each named");
    }

    private String journalAfter(Fault fault, int journalBefore) throws Exception {
        List<String> lines = Files.readAllLines(journalFile());
        for (String line : lines) {
            Json.MAPPER.readTree(line);   // a torn line fails here
        }
        int expected = journalBefore + (fault.kills() ? 1 : 2);
        assertThat(lines).as("journal lines").hasSize(expected);
        JsonNode last = Json.MAPPER.readTree(lines.get(lines.size() - 1));
        assertThat(last.path("command").asText()).isEqualTo(subject.command());
        assertThat(last.path("status").asText()).isEqualTo("succeeded");
        return lines.size() + " whole lines, last: " + subject.command() + " succeeded";
    }

    private Path journalFile() {
        return subject.stateDir().resolve("journal.jsonl");
    }

    private List<JsonNode> journal() throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        if (Files.exists(journalFile())) {
            for (String line : Files.readAllLines(journalFile())) {
                entries.add(Json.MAPPER.readTree(line));
            }
        }
        return entries;
    }
}
