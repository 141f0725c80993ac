package dev.rollback.release;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The ledger, newest first: which release runs now and which can still be restored (images present). */
final class ListReleasesStep implements Step {
    private final Ledger ledger;
    private final Docker docker;
    private final Supplier<Map<String, RunningStack.Service>> running;

    ListReleasesStep(Ledger ledger, Docker docker, Supplier<Map<String, RunningStack.Service>> running) {
        this.ledger = ledger;
        this.docker = docker;
        this.running = running;
    }

    @Override
    public String id() {
        return "list-releases";
    }

    @Override
    public String description() {
        return "list the releases in " + ledger.file();
    }

    @Override
    public void check(StepContext context) {
        docker.ping();
    }

    @Override
    public void apply(StepContext context) {
        List<Release> releases = new ArrayList<>(ledger.releases());
        Collections.reverse(releases);
        Optional<Release> current = ReleaseChoice.current(releases, RunningStack.imageIds(running.get()));
        List<ReleaseRow> rows = new ArrayList<>();
        for (Release release : releases) {
            List<String> missing = release.services().entrySet().stream()
                .filter(e -> docker.imageId(e.getValue().imageId()).isEmpty()).map(Map.Entry::getKey).toList();
            // A pruned image with a recorded registry digest is pulled back by a rollback (PrunedImages).
            boolean pullable = missing.stream().allMatch(service -> release.services().get(service).repoDigest() != null);
            Map<String, String> services = new LinkedHashMap<>();
            release.services().forEach((name, image) -> services.put(name, image.imageId()));
            rows.add(new ReleaseRow(release.id(), release.recordedAt().toString(), release.recordedBy(),
                release.gitCommit(), release.forced(), current.map(c -> c.id().equals(release.id())).orElse(false),
                pullable, missing.isEmpty() ? null : missing, services));
        }
        context.detail("count", rows.size()).result(new ReleaseList(rows));
    }
}
