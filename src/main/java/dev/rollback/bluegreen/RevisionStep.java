package dev.rollback.bluegreen;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.images.MissingImages;
import dev.rollback.release.PrunedImages;
import dev.rollback.release.RollbackTarget;
import dev.rollback.release.RunningStack;
import dev.rollback.release.ServiceImage;
import dev.rollback.workdir.FilesAtRevision;
import java.util.List;

/**
 * Resolves {@code --to} (a git revision, a release id, or the previous release: {@link RollbackTarget})
 * and reads the stack files at its commit from git (HEAD does not move). A release's images must
 * still be here: green runs them by their protective tags.
 */
final class RevisionStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;
    private final PrunedImages pruned;
    private List<ServiceImage> toPull = List.of();

    RevisionStep(BlueGreenInputs in, BlueGreenRun run) {
        this.in = in;
        this.run = run;
        this.pruned = new PrunedImages(in.tools().docker(), new MissingImages(in.tools().docker(), in.settings().pull()));
    }

    @Override
    public String id() {
        return "resolve-revision";
    }

    @Override
    public String description() {
        return "read " + in.stack().files().composeFile() + " at " + (in.stack().wanted() != null ? in.stack().wanted()
            : "the previous release's commit") + " from git";
    }

    @Override
    public void check(StepContext context) {
        RunningStack blue = in.tools().sides().side(in.stack().name());
        run.rollbackTarget = RollbackTarget.resolve(in.stack().ledger(),
            () -> RunningStack.imageIds(blue.services()), in.stack().wanted(), context.memory());
        run.target = FilesAtRevision.read(in.stack().git().get(), in.stack().files(), run.rollbackTarget.revision());
        if (run.rollbackTarget.release() != null) {
            toPull = pruned.check(in.stack().ledger(), run.rollbackTarget.release(),
                run.rollbackTarget.release().services().keySet());
            context.detail("release", run.rollbackTarget.release().id());
        }
        context.detail("commit", run.target.shortCommit())
            .detail("subject", in.stack().git().get().git().subject(run.target.commit()))
            .result("target", run.rollbackTarget.label())
            .result("revision", run.rollbackTarget.revision())
            .result("commit", run.target.commit());
    }

    @Override
    public void apply(StepContext context) {
        // read in check; only a release's pruned images change the host, pulled back by digest
        pruned.pullBack(toPull, context);
    }
}
