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
    private final CloudInputs.Server server;
    private final CloudState state;

    ChooseImageStep(CloudInputs in, CloudState state) {
        this.in = in;
        this.server = in.server();
        this.state = state;
    }

    @Override
    public String id() {
        return "choose-image";
    }

    @Override
    public String description() {
        return state.image == null
            ? "choose the " + server.image() + " snapshot or backup of droplet " + server.dropletId()
            : "use " + state.image.kind().noun() + " " + state.image.id() + " (" + state.image.name() + ", "
            + state.image.createdAt() + ") of droplet " + server.dropletId();
    }

    @Override
    public void check(StepContext context) {
        context.result("provider", "digitalocean");
        state.call(context, "GET /v2/droplets/" + server.dropletId());
        state.before = in.api().droplet(server.dropletId());
        state.call(context, "GET /v2/droplets/" + server.dropletId() + "/snapshots (every page)");
        List<Image> images = new ArrayList<>(in.api().snapshots(server.dropletId()));
        state.call(context, "GET /v2/droplets/" + server.dropletId() + "/backups (every page)");
        images.addAll(in.api().backups(server.dropletId()));
        state.image = choose(images);
        if (server.newDroplet()) {
            requireInRegion(region());
        }
        context.detail("droplet", state.before.name() + " (" + state.before.id() + ", " + state.before.publicIpv4() + ")")
            .detail("snapshotsAndBackups", images.size()).detail("image", ChosenImage.of(state.image))
            .result("image", ChosenImage.of(state.image)).result("serverIpBefore", state.before.publicIpv4());
    }

    private Image choose(List<Image> images) {
        if (images.isEmpty()) {
            throw RollbackException.refused("droplet " + server.dropletId() + " has no snapshot and no backup to"
                + " restore from; provision a new server by hand (docs/infra-rebuild.md), nothing was changed");
        }
        if (CloudInputs.LATEST.equals(server.image())) {
            return images.stream().max(Comparator.comparing(Image::createdAt)).orElseThrow();
        }
        return images.stream().filter(image -> String.valueOf(image.id()).equals(server.image())).findFirst()
            .orElseThrow(() -> RollbackException.refused("droplet " + server.dropletId() + " has no snapshot or backup "
                + server.image() + " (it has " + String.join(", ", images.stream().map(i -> i.kind().noun() + " "
                + i.id()).toList()) + "); nothing was changed"));
    }

    String region() {
        return server.region() != null ? server.region() : state.before.region();
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
