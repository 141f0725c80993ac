package dev.rollback.rebuild;

import dev.rollback.adapters.digitalocean.DigitalOcean.Action;
import dev.rollback.adapters.digitalocean.DigitalOcean.Image;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;

/**
 * Puts the chosen image on the droplet itself: {@code rebuild} from a snapshot, {@code restore} from
 * a backup. DigitalOcean powers the droplet off (every service stops), replaces its disk and boots
 * it; the IP stays. The action is followed until {@code completed}; {@code errored} is exit 1, and
 * so is a droplet still {@code off} once it completed.
 */
final class RestoreDropletStep implements Step {
    private final CloudInputs in;
    private final CloudInputs.Server server;
    private final CloudState state;

    RestoreDropletStep(CloudInputs in, CloudState state) {
        this.in = in;
        this.server = in.server();
        this.state = state;
    }

    @Override
    public String id() {
        return "restore-droplet";
    }

    @Override
    public String description() {
        String action = state.image == null ? "rebuild or restore" : state.image.kind().action();
        return action + " droplet " + server.dropletId()
            + (state.image == null ? "" : " from " + state.image.kind().noun() + " " + state.image.id())
            + " (its disk is replaced; the IP stays)";
    }

    @Override
    public void check(StepContext context) {
        state.call(context, "POST /v2/droplets/" + server.dropletId() + "/actions {\"type\":\""
            + state.image.kind().action() + "\",\"image\":" + state.image.id() + "}");
        state.call(context, "GET /v2/actions/{action id} every " + in.timing().pollInterval().toMillis()
            + " ms until completed");
        state.call(context, "GET /v2/droplets/" + server.dropletId());
    }

    @Override
    public boolean destructive() {
        return true;
    }

    @Override
    public void apply(StepContext context) throws InterruptedException {
        Image image = state.image;
        Action started = image.kind() == Image.Kind.SNAPSHOT ? in.api().rebuild(server.dropletId(), image.id())
            : in.api().restore(server.dropletId(), image.id());
        context.detail("action", started.id());
        String what = image.kind().action() + " of droplet " + server.dropletId() + " (action " + started.id() + ")";
        Action done = in.poller().until(what, started, () -> in.api().action(started.id()),
            action -> action.completed() || action.errored(), Action::status, context::progress);
        if (done.errored()) {
            throw RollbackException.failed("DigitalOcean reports the " + what + " as errored; the droplet may be"
                + " off or half restored: look at its history in the control panel, then run level 4 again or"
                + " with --new-server");
        }
        state.after = in.api().droplet(server.dropletId());
        if ("off".equals(state.after.status())) {
            // A droplet that was off before stays off after a restore or a rebuild: nothing would
            // answer the health check, which would only time out with a vaguer message.
            throw RollbackException.failed("droplet " + server.dropletId() + " is off after the " + what
                + " completed; power it on (control panel, or POST /v2/droplets/" + server.dropletId()
                + "/actions {\"type\":\"power_on\"}), check it, then point DNS at it; DNS was not changed");
        }
        context.detail("status", done.status()).detail("completedAt", String.valueOf(done.completedAt()))
            .result("serverIpAfter", state.ipAfter());
    }
}
