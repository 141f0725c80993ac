package dev.rollback.redeploy;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.images.MissingImages;
import dev.rollback.release.ImageRef;
import dev.rollback.release.Ledger;
import dev.rollback.release.PrunedImages;
import dev.rollback.release.Release;
import dev.rollback.release.ReleaseChoice;
import dev.rollback.release.RunningStack;
import dev.rollback.release.ServiceImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Chooses the release and checks, before anything changes, that every image it needs is on this
 * host or can be pulled back by the registry digest recorded with it ({@link PrunedImages}); apply
 * pulls those, before the switch touches a container. A pruned image without a digest, or any with
 * {@code --no-pull}, is refused (exit 3) in the check.
 */
final class SelectReleaseStep implements Step {
    private final Ledger ledger;
    private final Supplier<Map<String, RunningStack.Service>> running;
    private final Docker docker;
    private final String wanted;
    private final List<String> onlyServices;
    private final Switch change;
    private final boolean retagsImages;
    private final PrunedImages pruned;
    private List<ServiceImage> toPull = List.of();

    /** @param retagsImages whether the switch re-points the service's own reference (compose) */
    SelectReleaseStep(Ledger ledger, Supplier<Map<String, RunningStack.Service>> running, Docker docker,
                      String wanted, List<String> onlyServices, Switch change, boolean retagsImages,
                      MissingImages images) {
        this.retagsImages = retagsImages;
        this.pruned = new PrunedImages(docker, images);
        this.ledger = ledger;
        this.running = running;
        this.docker = docker;
        this.wanted = wanted;
        this.onlyServices = onlyServices;
        this.change = change;
    }

    @Override
    public String id() {
        return "select-release";
    }

    @Override
    public String description() {
        return change.target == null ? "choose the release to go back to (" + wanted + ")"
            : "go back from " + change.leaving + " to release " + change.target.id();
    }

    @Override
    public void check(StepContext context) {
        docker.ping();
        Map<String, RunningStack.Service> now = running.get();
        Map<String, String> imageIds = RunningStack.imageIds(now);
        Release target = ReleaseChoice.choose(ledger, imageIds, wanted, context.memory());
        change.target = target;
        change.leaving = ReleaseChoice.current(ledger.releases(), imageIds).map(Release::id).orElse("unrecorded");
        change.changes = changes(target, now);
        toPull = pruned.check(ledger, target, change.changes.stream().map(ServiceChange::service).toList());
        if (!toPull.isEmpty()) {
            context.detail("toPull", toPull.stream().map(ServiceImage::repoDigest).toList());
        }
        context.detail("from", change.leaving).detail("to", target.id())
            .detail("changes", change.changes.stream().map(ServiceChange::describe).collect(Collectors.toList()));
    }

    private List<ServiceChange> changes(Release target, Map<String, RunningStack.Service> now) {
        List<String> services = onlyServices.isEmpty() ? new ArrayList<>(target.services().keySet()) : onlyServices;
        List<ServiceChange> changes = new ArrayList<>();
        for (String service : services) {
            var recorded = target.services().get(service);
            if (recorded == null) {
                throw RollbackException.refused("service " + service + " is not in release " + target.id()
                    + " (it has " + String.join(", ", target.services().keySet()) + ")");
            }
            RunningStack.Service current = now.get(service);
            String from = current == null ? null : current.imageId();
            if (recorded.imageId().equals(from)) {
                continue;
            }
            String image = current != null && current.image() != null ? current.image() : recorded.image();
            if (retagsImages && ImageRef.parse(image).digest()) {
                throw RollbackException.refused("service " + service + " runs a digest reference (" + image
                    + ") that cannot be re-pointed; roll back with `rollback recreate --to REV`");
            }
            changes.add(new ServiceChange(service, image, from, recorded.imageId(),
                retagsImages ? recorded.protectTag() : recorded.pinnedReference()));
        }
        return changes;
    }

    @Override
    public void apply(StepContext context) {
        pruned.pullBack(toPull, context);
        context.result("releaseLeft", change.leaving)
            .result("releaseReached", change.target.id())
            .result("services", change.services());
    }
}
