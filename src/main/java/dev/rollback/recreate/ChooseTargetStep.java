package dev.rollback.recreate;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.images.MissingImages;
import dev.rollback.release.Ledger;
import dev.rollback.release.PrunedImages;
import dev.rollback.release.RollbackTarget;
import dev.rollback.release.RunningStack;
import dev.rollback.release.ServiceImage;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Resolves {@code --to} ({@link RollbackTarget}); a release's images must still be here. */
final class ChooseTargetStep implements Step {
    private final Docker docker;
    private final Ledger ledger;
    private final Supplier<Map<String, RunningStack.Service>> running;
    private final String wanted;
    private final RecreateRun run;
    private final PrunedImages pruned;
    private List<ServiceImage> toPull = List.of();

    ChooseTargetStep(Docker docker, Ledger ledger, Supplier<Map<String, RunningStack.Service>> running,
                     String wanted, RecreateRun run, MissingImages images) {
        this.pruned = new PrunedImages(docker, images);
        this.docker = docker;
        this.ledger = ledger;
        this.running = running;
        this.wanted = wanted;
        this.run = run;
    }

    @Override
    public String id() {
        return "choose-target";
    }

    @Override
    public String description() {
        return wanted == null ? "take the previous release from the ledger " + ledger.file()
            : "resolve " + wanted + " (a release id, else a git revision)";
    }

    @Override
    public void check(StepContext context) {
        docker.ping();
        run.before = running.get();
        run.target = RollbackTarget.resolve(ledger, () -> RunningStack.imageIds(run.before), wanted,
            context.memory());
        if (run.target.release() != null) {
            toPull = pruned.check(ledger, run.target.release(), run.target.release().services().keySet());
            context.detail("release", run.target.release().id());
        }
        context.detail("revision", run.target.revision()).detail("runningServices", run.before.size());
        context.result("target", run.target.label());
    }

    @Override
    public void apply(StepContext context) {
        pruned.pullBack(toPull, context);
        context.detail("target", run.target.label());
    }
}
