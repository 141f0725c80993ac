package dev.rollback.adapters.git;

/**
 * One file changed between two commits, with git's rename detection: a file moved or renamed
 * (at least 60% similar, git's default) is one change with both paths, not a deletion and an
 * addition. Migration checks need this: a migration moved to another directory ran long ago and is
 * not a new one.
 *
 * @param oldPath    the path at the older commit; null when the file was added
 * @param newPath    the path at the newer commit; null when the file was deleted
 * @param similarity for a rename, how similar the two contents are in percent (100: unchanged); else 0
 */
public record FileChange(String oldPath, String newPath, int similarity) {

    public boolean added() {
        return oldPath == null;
    }

    public boolean deleted() {
        return newPath == null;
    }

    public boolean renamed() {
        return oldPath != null && newPath != null && !oldPath.equals(newPath);
    }

    /** The path it has now, or had when it was deleted. */
    public String path() {
        return newPath != null ? newPath : oldPath;
    }
}
