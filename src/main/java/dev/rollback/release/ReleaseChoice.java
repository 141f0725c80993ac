package dev.rollback.release;

import dev.rollback.core.RollbackException;
import dev.rollback.core.RunMemory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the release to go back to. "previous": when what runs now is a recorded release, the
 * newest one older than it (never a roll forward: after going back to v1, "previous" is not the bad
 * v2 again); when what runs is unrecorded (a deploy that was never recorded), the newest recorded
 * release. So after two quick deploys (v1, v2 recorded; v3 broken) it is v2. Swarm's own
 * "previous" is one spec back, whatever that was; the ledger does not drift.
 */
public final class ReleaseChoice {
    private static final String PREVIOUS = "previous-release";
    private static final String NEWEST = "ledger-newest";

    private ReleaseChoice() {
    }

    /**
     * As {@link #choose(Ledger, Map, String)}, for a run that changes the stack. "previous" is
     * remembered until a run of the same command succeeds: after a kill past the switch, or a
     * failure whose undo could not run, the next run goes where that run was going rather than one
     * release further back than what it left running. A release recorded since makes the memory
     * stale: "previous" is then chosen afresh.
     */
    public static Release choose(Ledger ledger, Map<String, String> runningImageIds, String wanted, RunMemory memory) {
        if (!"previous".equals(wanted)) {
            return choose(ledger, runningImageIds, wanted);
        }
        String newest = ledger.releases().isEmpty() ? "" : ledger.releases().get(ledger.releases().size() - 1).id();
        boolean fresh = memory.peek(NEWEST).filter(newest::equals).isPresent();
        Optional<Release> unfinished = fresh ? memory.recall(PREVIOUS, "going to release").map(ledger::find)
            : Optional.empty();
        Release release = unfinished.orElseGet(() -> choose(ledger, runningImageIds, wanted));
        memory.remember(NEWEST, newest);
        memory.remember(PREVIOUS, release.id());
        return release;
    }

    /** The recorded release that matches what runs now, if any. */
    public static Optional<Release> current(List<Release> releases, Map<String, String> runningImageIds) {
        List<Release> newestFirst = new ArrayList<>(releases);
        Collections.reverse(newestFirst);
        return newestFirst.stream().filter(r -> r.matches(runningImageIds)).findFirst();
    }

    /**
     * @param wanted "previous" or a release id (or unique prefix)
     */
    public static Release choose(Ledger ledger, Map<String, String> runningImageIds, String wanted) {
        List<Release> releases = ledger.releases();
        if (releases.isEmpty()) {
            throw RollbackException.refused("nothing recorded to roll back to: the release ledger "
                + ledger.file() + " is empty; record a good deploy with `rollback release record`");
        }
        if (!"previous".equals(wanted)) {
            return ledger.find(wanted);
        }
        int start = releases.size() - 1;
        Optional<Release> current = current(releases, runningImageIds);
        if (current.isPresent()) {
            start = releases.indexOf(current.get()) - 1;   // older than what runs, never a roll forward
        }
        for (int i = start; i >= 0; i--) {
            if (!releases.get(i).matches(runningImageIds)) {
                return releases.get(i);
            }
        }
        throw RollbackException.refused("nothing to roll back to: every recorded release ("
            + Ledger.describe(releases) + ") is what runs now");
    }
}
