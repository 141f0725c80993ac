package dev.rollback.release;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.health.AllHealthy;
import dev.rollback.adapters.health.HealthCheck;
import dev.rollback.adapters.health.HealthResult;
import dev.rollback.core.Identity;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads what runs (image IDs per service, git commit, compose file hash) and refuses to record a
 * stack that is not healthy, unless --force: a ledger of bad releases is no rollback target.
 */
final class InspectStackStep implements Step {
    static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Docker docker;
    private final Supplier<Map<String, RunningStack.Service>> running;
    private final Supplier<List<HealthCheck>> healthChecks;
    private final StackFacts facts;
    private final boolean force;
    private final Clock clock;
    private final RecordDraft draft;
    private final Ledger ledger;

    InspectStackStep(Ledger ledger, Docker docker, Supplier<Map<String, RunningStack.Service>> running,
                     Supplier<List<HealthCheck>> healthChecks, StackFacts facts, boolean force, Clock clock,
                     RecordDraft draft) {
        this.ledger = ledger;
        this.docker = docker;
        this.running = running;
        this.healthChecks = healthChecks;
        this.facts = facts;
        this.force = force;
        this.clock = clock;
        this.draft = draft;
    }

    @Override
    public String id() {
        return "inspect-stack";
    }

    @Override
    public String description() {
        return "read the running services' images" + (force ? "" : " and require the stack to be healthy");
    }

    @Override
    public void check(StepContext context) {
        docker.ping();
        Map<String, RunningStack.Service> now = running.get();
        if (now.isEmpty()) {
            throw RollbackException.refused("no containers of the stack are running; nothing to record");
        }
        List<HealthResult> failing = new AllHealthy("stack", healthChecks.get()).probeEach().stream()
            .filter(r -> !r.healthy()).toList();
        if (!failing.isEmpty() && !force) {
            throw RollbackException.refused("the stack is not healthy ("
                + String.join("; ", failing.stream().map(r -> r.name() + ": " + r.detail()).toList())
                + "); record it anyway with --force");
        }
        List<String> unread = now.values().stream().filter(s -> s.imageId() == null || s.image() == null)
            .map(RunningStack.Service::name).toList();
        if (!unread.isEmpty() && !force) {
            throw RollbackException.refused("no running container to read the image of " + String.join(", ", unread)
                + " (a deploy still starting, or tasks on other nodes whose image this host does not have by its"
                + " registry digest?); wait until every service runs, pull its image here, or record the rest with"
                + " --force");
        }
        String id = uniqueId(ID.format(clock.instant()));
        Map<String, ServiceImage> services = new LinkedHashMap<>();
        now.forEach((name, service) -> {
            if (service.imageId() != null && service.image() != null) {
                services.put(name, new ServiceImage(service.image(), service.imageId(),
                    ImageRef.parse(service.image()).protectiveTag(id),
                    ServiceImage.chooseDigest(service.image(), docker.repoDigests(service.imageId()))));
            }
        });
        if (services.isEmpty()) {
            throw RollbackException.refused("no service runs a container whose image could be read; nothing to"
                + " record");
        }
        draft.release = new Release(id, clock.instant(), Identity.user() + "@" + Identity.host(), facts.target(),
            facts.gitCommit(), facts.composeFileSha256(), !failing.isEmpty(), services, null);
        context.detail("release", id).detail("services", services.size())
            .detail("gitCommit", draft.release.shortCommit());
        if (!failing.isEmpty()) {
            context.detail("unhealthy", failing.stream().map(HealthResult::name).toList());
        }
        if (!unread.isEmpty()) {
            context.detail("notRecorded", unread);
        }
    }

    /** Two records in the same second (CI retries) get "-2", "-3"... rather than one id twice. */
    private String uniqueId(String base) {
        java.util.Set<String> taken = ledger.releases().stream().map(Release::id).collect(java.util.stream.Collectors.toSet());
        String id = base;
        for (int n = 2; taken.contains(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    @Override
    public void apply(StepContext context) {
        context.result("release", draft.release.id());
    }
}
