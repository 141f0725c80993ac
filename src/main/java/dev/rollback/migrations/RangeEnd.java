package dev.rollback.migrations;

/**
 * One end of the range checked: what was asked for, the commit it resolved to and how.
 *
 * @param source e.g. "release 20261121-100000 (previous)", "git revision", "the checkout's HEAD"
 */
public record RangeEnd(String revision, String commit, String source) {
    public String shortCommit() {
        return commit.substring(0, Math.min(12, commit.length()));
    }
}
