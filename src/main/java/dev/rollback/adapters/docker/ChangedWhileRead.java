package dev.rollback.adapters.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a live volume's normal churn from a failed archive, after tar exited non-zero.
 *
 * <p>Volumes are archived while the stack runs (the strategies document's order), so a running service may delete
 * or rewrite a file between tar listing a directory and reading the file: PostgreSQL recycles WAL
 * segments at every checkpoint. tar then names the file and exits 1 (busybox: "No such file or
 * directory"; GNU tar: "File removed before we read it", "file changed as we read it"). The file is
 * gone from the volume too, so the archive is still a copy of what is there, and the run goes on
 * with a warning. Anything else tar says, or any other exit code, is a failure.
 */
final class ChangedWhileRead {
    private static final Pattern CHANGED = Pattern.compile(
        "tar: (data/.*): (?:No such file or directory|File removed before we read it|file changed as we read it)");
    private static final Set<String> SUMMARIES = Set.of(
        "tar: error exit delayed from previous errors",
        "tar: Exiting with failure status due to previous errors");

    private ChangedWhileRead() {
    }

    /** tar's closing line after earlier errors, which says nothing of its own. */
    static boolean isSummary(String line) {
        return SUMMARIES.contains(line.strip());
    }

    /**
     * The paths tar says changed or vanished while it read them, when that is all it says and it
     * exited 1; empty when the exit means a real failure.
     *
     * @param complete whether {@code stderr} is all tar wrote (a cut-off tail proves nothing)
     */
    static Optional<List<String>> only(int exitCode, List<String> stderr, boolean complete) {
        if (exitCode != 1 || !complete) {
            return Optional.empty();
        }
        List<String> paths = new ArrayList<>();
        for (String line : stderr) {
            String text = line.strip();
            Matcher changed = CHANGED.matcher(text);
            if (changed.matches()) {
                paths.add(changed.group(1));
            } else if (!text.isEmpty() && !isSummary(text)) {
                return Optional.empty();
            }
        }
        return paths.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(paths));
    }
}
