package dev.rollback.release;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;

/** Appends the release to the ledger. */
final class AppendReleaseStep implements Step {
    private final Ledger ledger;
    private final RecordDraft draft;

    AppendReleaseStep(Ledger ledger, RecordDraft draft) {
        this.ledger = ledger;
        this.draft = draft;
    }

    @Override
    public String id() {
        return "append-ledger";
    }

    @Override
    public String description() {
        return "append the release to " + ledger.file();
    }

    @Override
    public void apply(StepContext context) throws IOException {
        ledger.record(draft.release);
        context.detail("release", draft.release.id());
    }
}
