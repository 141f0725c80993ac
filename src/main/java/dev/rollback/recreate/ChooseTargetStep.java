package dev.rollback.recreate;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.release.Ledger;
import dev.rollback.release.Release;
import dev.rollback.release.ReleaseChoice;
import dev.rollback.release.RunningStack;
import dev.rollback.release.ServiceImage;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Resolves {@code --to}: absent, the previous release in the ledger; a release id
 * ({@code 20261121-101500}), that release; anything else, a git revision. A release must have
 * been recorded in a git checkout (it names the commit whose files to take) and its images must
 * still be here.
 */
final class ChooseTargetStep implements Step {
    private static final Pattern RELEASE_ID = Pattern.compile("\\d{8}-\\d{6}(-\\d+)?");

    private final Docker docker;
    private final Ledger ledger;
    private final Supplier<Map<String, RunningStack.Service>> running;
    private final String wanted;
    private final RecreateRun run;

    ChooseTargetStep(Docker docker, Ledger ledger, Supplier<Map<String, RunningStack.Service>> running,
                     String wanted, RecreateRun run) {
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
        run.target = resolve();
        Release release = run.target.release();
        if (release != null) {
            for (ServiceImage image : release.services().values()) {
                if (docker.imageId(image.imageId()).isEmpty()) {
                    throw RollbackException.refused("image " + image.imageId() + " (" + image.image() + ") of release "
                        + release.id() + " is no longer here; pick another release or a git revision with --to");
                }
            }
            context.detail("release", release.id());
        }
        context.detail("revision", run.target.revision()).detail("runningServices", run.before.size());
        context.result("target", run.target.label());
    }

    private RecreateTarget resolve() {
        if (wanted != null && !RELEASE_ID.matcher(wanted).matches()) {
            return new RecreateTarget(wanted, null);
        }
        Release release = wanted == null
            ? ReleaseChoice.choose(ledger, RunningStack.imageIds(running.get()), "previous")
            : ledger.find(wanted);
        if (release.gitCommit() == null) {
            throw RollbackException.refused("release " + release.id() + " was recorded outside a git checkout, so"
                + " there is no commit to take the compose file from; pass --to REV");
        }
        return new RecreateTarget(release.gitCommit(), release);
    }

    @Override
    public void apply(StepContext context) {
        context.detail("target", run.target.label());
    }
}
