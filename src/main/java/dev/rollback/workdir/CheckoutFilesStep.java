package dev.rollback.workdir;

import dev.rollback.core.Step;
import dev.rollback.core.StepContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The recreate strategy's {@code git checkout REV -- docker-compose.yml .env}: writes the stack files as the
 * revision has them into the workdir without moving HEAD. Undo writes back what was there.
 */
public final class CheckoutFilesStep implements Step {
    private final Supplier<GitCheckout> git;
    private final StackFiles files;
    private final Supplier<String> revision;
    private final Map<String, Optional<byte[]>> replaced = new LinkedHashMap<>();
    private FilesAtRevision target;

    /** @param revision known when this step's check runs (an earlier step's check may choose it) */
    public CheckoutFilesStep(Supplier<GitCheckout> git, StackFiles files, Supplier<String> revision) {
        this.git = git;
        this.files = files;
        this.revision = revision;
    }

    @Override
    public String id() {
        return "checkout-config";
    }

    @Override
    public String description() {
        return "write " + String.join(", ", files.paths()) + " as they are at the target revision into "
            + files.workdir() + " (HEAD does not move)";
    }

    @Override
    public void check(StepContext context) {
        target = FilesAtRevision.read(git.get(), files, revision.get());
        List<String> differing = target.differingFrom(files);
        context.detail("commit", target.shortCommit()).detail("files", List.copyOf(target.files().keySet()))
            .detail("changed", differing);
    }

    /** The files this step writes; known after {@link #check}. */
    public FilesAtRevision target() {
        return target;
    }

    @Override
    public void apply(StepContext context) throws IOException {
        for (Map.Entry<String, Optional<byte[]>> file : target.files().entrySet()) {
            replaced.put(file.getKey(), files.current(file.getKey()));
            files.write(file.getKey(), file.getValue());
        }
        context.detail("written", List.copyOf(replaced.keySet()));
        context.result("configRevision", target.commit());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public void undo(StepContext context) throws IOException {
        for (Map.Entry<String, Optional<byte[]>> file : replaced.entrySet()) {
            files.write(file.getKey(), file.getValue());
        }
        context.detail("restored", List.copyOf(replaced.keySet()));
    }
}
