package dev.rollback.release;

import dev.rollback.core.RollbackException;
import dev.rollback.core.RunMemory;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Where a strategy goes ({@code recreate}, {@code blue-green}): a git revision for the compose
 * file and .env and, when the target is a recorded release, the images that release ran (so
 * mutable tags such as {@code :current} can be pointed back at them).
 *
 * @param release null when {@code --to} named a git revision
 */
public record RollbackTarget(String revision, Release release) {
    private static final Pattern RELEASE_ID = Pattern.compile("\\d{8}-\\d{6}(-\\d+)?");

    /**
     * Resolves {@code --to}: absent, the previous release in the ledger (as {@code redeploy} picks
     * it); a release id ({@code 20261121-101500}), that release; anything else, a git revision.
     * A release must have been recorded in a git checkout: it names the commit whose files to take.
     * The previous release a killed run had chosen is recalled from {@code memory}.
     */
    public static RollbackTarget resolve(Ledger ledger, Supplier<Map<String, String>> runningImageIds, String wanted,
                                         RunMemory memory) {
        if (wanted != null && !RELEASE_ID.matcher(wanted).matches()) {
            return new RollbackTarget(wanted, null);
        }
        Release release = wanted == null ? ReleaseChoice.choose(ledger, runningImageIds.get(), "previous", memory)
            : ledger.find(wanted);
        if (release.gitCommit() == null) {
            throw RollbackException.refused("release " + release.id() + " was recorded outside a git checkout, so"
                + " there is no commit to take the compose file from; pass --to REV");
        }
        return new RollbackTarget(release.gitCommit(), release);
    }

    public String label() {
        return release != null ? "release " + release.id() + " (" + release.shortCommit() + ")" : revision;
    }
}
