package dev.rollback.backup;

import dev.rollback.core.RollbackException;
import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;

/** Reads the dump just written to its end: a backup is only a backup once it is known to restore. */
final class VerifyDumpStep implements Step {
    private final DumpInspector inspector;
    private final DumpTarget target;
    private final String idPrefix;

    VerifyDumpStep(DumpInspector inspector, DumpTarget target, String idPrefix) {
        this.idPrefix = idPrefix;
        this.inspector = inspector;
        this.target = target;
    }

    @Override
    public String id() {
        return idPrefix + "verify-dump";
    }

    @Override
    public String description() {
        return "check that the dump is complete and readable";
    }

    @Override
    public void apply(StepContext context) throws IOException {
        Inspection inspection = inspector.deep(target.partialPath());
        if (!inspection.complete()) {
            throw RollbackException.failed("the dump just written is not usable: " + inspection.problem());
        }
        context.detail("format", inspection.format().wire()).detail("tables", inspection.tables().size());
    }
}
