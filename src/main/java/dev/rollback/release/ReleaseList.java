package dev.rollback.release;

import java.util.List;

/** {@code release list}'s result: the ledger, newest first. */
public record ReleaseList(List<ReleaseRow> releases) {
    public ReleaseList {
        releases = List.copyOf(releases);
    }
}
