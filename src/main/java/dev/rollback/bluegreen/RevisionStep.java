package dev.rollback.bluegreen;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import dev.rollback.workdir.FilesAtRevision;

/** Resolves the revision and reads its stack files from git (HEAD does not move). */
final class RevisionStep implements Step {
    private final BlueGreenInputs in;
    private final BlueGreenRun run;

    RevisionStep(BlueGreenInputs in, BlueGreenRun run) {
        this.in = in;
        this.run = run;
    }

    @Override
    public String id() {
        return "resolve-revision";
    }

    @Override
    public String description() {
        return "read " + in.stack().files().composeFile() + " at " + in.stack().revision() + " from git";
    }

    @Override
    public void check(StepContext context) {
        run.target = FilesAtRevision.read(in.stack().git().get(), in.stack().files(), in.stack().revision());
        context.detail("commit", run.target.shortCommit())
            .detail("subject", in.stack().git().get().git().subject(run.target.commit()))
            .result("revision", in.stack().revision())
            .result("commit", run.target.commit());
    }

    @Override
    public void apply(StepContext context) {
        // read in check: nothing to change
    }
}
