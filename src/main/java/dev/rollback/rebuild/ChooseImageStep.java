package dev.rollback.rebuild;

import dev.rollback.adapters.digitalocean.DigitalOcean.Image;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runbook's "Restore dari Snapshots": reads the droplet and all its snapshots and backups (every
 * page), then picks the newest by creation time ({@code latest}) or the one named. No image at all
 * is exit 3 before anything changed. A snapshot is rebuilt from, a backup restored.
 */
final class ChooseImageStep implements Step {
    private final CloudInputs in;
    private final CloudState state;

    ChooseImageStep(CloudInputs in, CloudState state) {
        this.in = in;
        this.state = state;
    }

    @Override
    public String id() {
        return "choose-image";
    }

    @Override
    public String description() {
        return state.image == null ? "choose the " + in.image() + " snapshot or backup of droplet " + in.dropletId()
            : "use " + state.image.kind().noun() + " " + state.image.id() + " (" + state.image.name() + ", "
            + state.image.createdAt() + ") of droplet " + in.dropletId();
    }

    @Override
    public void check(StepContext context) {
        context.result("provider", "digitalocean");
        state.call(context, "GET /v2/droplets/" + in.dropletId());
        state.before = in.api().droplet(in.dropletId());
        state.call(context, "GET /v2/droplets/" + in.dropletId() + "/snapshots (every page)");
        List<Image> images = new ArrayList<>(in.api().snapshots(in.dropletId()));
        state.call(context, "GET /v2/droplets/" + in.dropletId() + "/backups (every page)");
        images.addAll(in.api().backups(in.dropletId()));
        state.image = choose(images);
        if (in.newServer()) {
            requireInRegion(region());
        }
        context.detail("droplet", state.before.name() + " (" + state.before.id() + ", " + state.before.publicIpv4() + ")")
            .detail("snapshotsAndBackups", images.size()).detail("image", ChosenImage.of(state.image))
            .result("image", ChosenImage.of(state.image)).result("serverIpBefore", state.before.publicIpv4());
    }

    private Image choose(List<Image> images) {
        if (images.isEmpty()) {
            throw RollbackException.refused("droplet " + in.dropletId() + " has no snapshot and no backup to restore"
                + " from; provision a new server by hand (docs/infra-rebuild.md), nothing was changed");
        }
        if (CloudInputs.LATEST.equals(in.image())) {
            return images.stream().max(Comparator.comparing(Image::createdAt)).orElseThrow();
        }
        return images.stream().filter(image -> String.valueOf(image.id()).equals(in.image())).findFirst()
            .orElseThrow(() -> RollbackException.refused("droplet " + in.dropletId() + " has no snapshot or backup "
                + in.image() + " (it has " + String.join(", ", images.stream().map(i -> i.kind().noun() + " "
                + i.id()).toList()) + "); nothing was changed"));
    }

    String region() {
        return in.region() != null ? in.region() : state.before.region();
    }

    private void requireInRegion(String region) {
        if (!state.image.regions().isEmpty() && !state.image.regions().contains(region)) {
            throw RollbackException.refused(state.image.kind().noun() + " " + state.image.id() + " is in "
                + String.join(", ", state.image.regions()) + ", not in " + region
                + "; set digitalocean.region to one of those, or copy it there first; nothing was changed");
        }
    }

    @Override
    public void apply(StepContext context) {
        // Chosen in check, so that a dry run shows it and a missing image stops the run before anything.
    }
}
