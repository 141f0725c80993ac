package dev.rollback.rebuild;

import dev.rollback.adapters.digitalocean.DigitalOcean.Droplet;
import dev.rollback.adapters.digitalocean.DigitalOcean.NewDroplet;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The runbook's "Provision Server Baru": a new droplet from the chosen image, in the old droplet's
 * region and size unless configured otherwise, followed until it is {@code active} with a public IP.
 * The old droplet is left as it is (for the incident, and as the way back until DNS moves).
 */
final class CreateDropletStep implements Step {
    static final String TAG = "rollback-rebuild";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final CloudInputs in;
    private final CloudInputs.Server server;
    private final CloudState state;
    private NewDroplet spec;

    CreateDropletStep(CloudInputs in, CloudState state) {
        this.in = in;
        this.server = in.server();
        this.state = state;
    }

    @Override
    public String id() {
        return "create-droplet";
    }

    @Override
    public String description() {
        return spec == null ? "create a new droplet from the chosen image"
            : "create droplet " + spec.name() + " (" + spec.region() + ", " + spec.size() + ") from "
            + state.image.kind().noun() + " " + state.image.id();
    }

    @Override
    public void check(StepContext context) {
        String region = server.region() != null ? server.region() : state.before.region();
        String size = server.size() != null ? server.size() : state.before.size();
        String name = state.before.name() + "-rebuild-"
            + STAMP.format(in.timing().clock().instant().atZone(ZoneOffset.UTC));
        spec = new NewDroplet(name, region, size, state.image.id(), server.sshKeys(), List.of(TAG));
        state.call(context, "POST /v2/droplets {\"name\":\"" + name + "\",\"region\":\"" + region + "\",\"size\":\""
            + size + "\",\"image\":" + state.image.id() + "}");
        state.call(context, "GET /v2/droplets/{new droplet id} every " + in.timing().pollInterval().toMillis()
            + " ms until active");
        context.detail("name", name).detail("region", region).detail("size", size);
    }

    @Override
    public void apply(StepContext context) throws InterruptedException {
        Droplet created = in.api().createDroplet(spec);
        context.detail("dropletId", created.id()).result("newDropletId", created.id());
        state.after = in.poller().until("new droplet " + created.id(), created, () -> in.api().droplet(created.id()),
            Droplet::active, droplet -> droplet.status() + (droplet.publicIpv4() == null ? ", no public IP yet" : ""),
            context::progress);
        context.detail("ip", state.ipAfter()).result("serverIpAfter", state.ipAfter());
    }
}
