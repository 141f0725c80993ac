package dev.rollback.incident;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.backup.BackupStore;
import dev.rollback.core.Identity;
import dev.rollback.core.Redactor;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.adapters.docker.DockerDiagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The runbook's level 4 step 1, "Document Current State": writes {@code incident_<ts>.tar.gz} in the
 * backups dir. Every collector runs on its own; what could not be collected is listed in
 * summary.md and the report, and the step still succeeds. It fails only when the bundle cannot be
 * written. Written under a hidden partial name, read back whole, then renamed into place (fsync'd),
 * so a file under a bundle's name is always complete; {@code rollback backups} lists it.
 */
public final class IncidentStep implements Step {
    public static final String BUNDLE_RESULT = "incidentBundle";
    public static final String MISSING_RESULT = "incidentMissing";

    private final IncidentSources sources;
    private final BackupStore store;
    private final Clock clock;

    public IncidentStep(IncidentSources sources, BackupStore store, Clock clock) {
        this.sources = sources;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "incident";
    }

    @Override
    public String description() {
        return "record the incident bundle (containers, logs, compose config, git, disk, memory, journal) in "
            + store.dir();
    }

    @Override
    public void check(StepContext context) {
        store.requireWritable();
    }

    @Override
    public void apply(StepContext context) throws IOException {
        Instant at = clock.instant();
        Bundle bundle = new Bundle();
        for (Collector collector : collectors()) {
            try {
                collector.collect(bundle);
            } catch (Exception e) {
                bundle.missing(collector.name(), reason(e));
            }
        }
        Path target = store.newPath("incident", ".tar.gz");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("summary.md", Summary.render(at, facts(), bundle).getBytes(StandardCharsets.UTF_8));
        files.putAll(bundle.files());
        Redactor redactor = redactor(bundle);
        // The last pass, over every file whoever wrote it: logs and error messages echo secrets too.
        files.replaceAll((path, content) -> redactor.redact(new String(content, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8));
        write(target, files, at);
        List<String> missing = bundle.missingByReason().stream().map(redactor::redact).toList();
        missing.forEach(m -> context.progress("    not collected: " + m));
        context.detail("bundle", target.toString()).detail("files", files.size())
            .detail("bytes", Files.size(target)).detail("missing", missing)
            .result(BUNDLE_RESULT, target.toString()).result(MISSING_RESULT, missing);
    }

    private List<Collector> collectors() {
        Supplier<Docker> docker = new Once<>(() -> {
            Docker engine = sources.docker().get();
            engine.ping();   // bounded: a dead daemon costs one short wait, not one per collector
            return engine;
        });
        Supplier<DockerDiagnostics> diagnostics = new Once<>(() -> {
            docker.get();
            return sources.diagnostics().get();
        });
        String project = sources.project();
        // Inspect before logs: a log goes in only once its container's secret values are known.
        return List.of(new ContainersCollector(docker, project), new DockerPsCollector(diagnostics),
            new InspectCollector(docker, diagnostics, project), new LogsCollector(docker, project),
            new HttpChecksCollector(sources.httpChecks()), new DatabaseCollector(sources.postgres()),
            new ComposeConfigCollector(sources.compose()), new GitCollector(sources.git()),
            new DiskCollector(sources.disks()), new MemoryCollector(sources.meminfo()),
            new JournalCollector(sources.stateDir()));
    }

    private Redactor redactor(Bundle bundle) {
        List<String> secrets = new java.util.ArrayList<>(sources.toolSecrets());
        secrets.addAll(bundle.secrets());
        return new Redactor(secrets);
    }

    private List<String> facts() {
        return List.of("stack: " + sources.project(), "recorded by: " + Identity.user() + "@" + Identity.host(),
            "environment values, secret-looking settings and every secret value known to the tool (its own"
                + " passwords and tokens, the containers' secret variables and arguments) are redacted (<redacted>),"
                + " in every file, logs included");
    }

    private static void write(Path target, Map<String, byte[]> files, Instant at) throws IOException {
        Path partial = BackupStore.partialPath(target);
        String top = target.getFileName().toString().replace(".tar.gz", "");
        try {
            TarGz.write(partial, top, files, at.getEpochSecond());
            TarGz.requireReadable(partial);
            BackupStore.publish(partial, target);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** One line; a RollbackException's message already says what to do. */
    static String reason(Exception e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
            : e.getMessage().strip().lines().findFirst().orElse("");
        return e instanceof RollbackException || e instanceof IllegalStateException ? message
            : e.getClass().getSimpleName() + ": " + message;
    }
}
