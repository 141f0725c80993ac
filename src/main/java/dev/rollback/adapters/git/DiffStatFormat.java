package dev.rollback.adapters.git;

import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;

/**
 * Lays out {@code git diff --stat} the way git's {@code show_stats} does for an 80-column output
 * (what git uses when stdout is not a terminal): names padded to the longest, long names cut to
 * "...{tail}", the +/- graph scaled down when the biggest change does not fit, renames printed as
 * {@code dir/{old => new}}, and git's summary line. Path quoting of unusual characters is not done.
 */
final class DiffStatFormat {
    static final int WIDTH = 80;

    /** One file's counts; for a binary file, {@code added}/{@code deleted} are the new/old sizes in bytes. */
    record FileStat(String name, long added, long deleted, boolean binary) {
        static FileStat text(String oldPath, String newPath, long added, long deleted) {
            return new FileStat(displayName(oldPath, newPath), added, deleted, false);
        }

        static FileStat binary(String oldPath, String newPath, long oldSize, long newSize) {
            return new FileStat(displayName(oldPath, newPath), newSize, oldSize, true);
        }
    }

    private DiffStatFormat() {
    }

    static String format(List<FileStat> files) {
        long maxChange = 0;
        int maxName = 0;
        int numberWidth = 0;
        int binWidth = 0;
        for (FileStat file : files) {
            maxName = Math.max(maxName, file.name().length());
            if (file.binary()) {
                binWidth = Math.max(binWidth, 14 + digits(file.added()) + digits(file.deleted()));
                numberWidth = 3; // "Bin"
            } else {
                maxChange = Math.max(maxChange, file.added() + file.deleted());
            }
        }
        numberWidth = Math.max(numberWidth, digits(maxChange));
        int width = Math.max(WIDTH, 16 + 6 + numberWidth);
        long graphWidth = maxChange + 4 > binWidth ? maxChange : binWidth - 4;
        long nameWidth = maxName;
        if (nameWidth + numberWidth + 6 + graphWidth > width) {
            if (graphWidth > width * 3 / 8 - numberWidth - 6) {
                graphWidth = Math.max(6, width * 3 / 8 - numberWidth - 6);
            }
            if (nameWidth > width - numberWidth - 6 - graphWidth) {
                nameWidth = width - numberWidth - 6 - graphWidth;
            } else {
                graphWidth = width - numberWidth - 6 - nameWidth;
            }
        }
        StringBuilder out = new StringBuilder();
        long insertions = 0;
        long deletions = 0;
        for (FileStat file : files) {
            out.append(' ').append(fitName(file.name(), (int) nameWidth)).append(" | ");
            if (file.binary()) {
                out.append(pad("Bin", numberWidth));
                if (file.added() != 0 || file.deleted() != 0) {
                    out.append(' ').append(file.deleted()).append(" -> ").append(file.added()).append(" bytes");
                }
            } else {
                insertions += file.added();
                deletions += file.deleted();
                appendCounts(out, file, numberWidth, graphWidth, maxChange);
            }
            out.append('\n');
        }
        return out.append(summary(files.size(), insertions, deletions)).append('\n').toString();
    }

    private static void appendCounts(StringBuilder out, FileStat file, int numberWidth, long graphWidth, long maxChange) {
        long total = file.added() + file.deleted();
        long add = file.added();
        long del = file.deleted();
        if (graphWidth <= maxChange) {
            long scaled = scale(total, graphWidth, maxChange);
            if (scaled < 2 && add > 0 && del > 0) {
                scaled = 2;
            }
            if (add < del) {
                add = scale(add, graphWidth, maxChange);
                del = scaled - add;
            } else {
                del = scale(del, graphWidth, maxChange);
                add = scaled - del;
            }
        }
        out.append(pad(Long.toString(total), numberWidth)).append(total > 0 ? " " : "")
            .append("+".repeat((int) add)).append("-".repeat((int) del));
    }

    /** " 2 files changed, 3 insertions(+), 1 deletion(-)", leaving out a zero count unless both are zero. */
    static String summary(int files, long insertions, long deletions) {
        if (files == 0) {
            return " 0 files changed";
        }
        StringBuilder line = new StringBuilder(" ").append(files).append(files == 1 ? " file changed" : " files changed");
        if (insertions > 0 || deletions == 0) {
            line.append(", ").append(insertions).append(insertions == 1 ? " insertion(+)" : " insertions(+)");
        }
        if (deletions > 0 || insertions == 0) {
            line.append(", ").append(deletions).append(deletions == 1 ? " deletion(-)" : " deletions(-)");
        }
        return line.toString();
    }

    /** git's {@code pprint_rename}: the common directory prefix and suffix outside braces. */
    static String displayName(String oldPath, String newPath) {
        if (newPath == null || DiffEntry.DEV_NULL.equals(newPath)) {
            return oldPath;
        }
        if (oldPath == null || DiffEntry.DEV_NULL.equals(oldPath) || oldPath.equals(newPath)) {
            return newPath;
        }
        int prefix = 0;
        for (int i = 0; i < Math.min(oldPath.length(), newPath.length()) && oldPath.charAt(i) == newPath.charAt(i); i++) {
            if (oldPath.charAt(i) == '/') {
                prefix = i + 1;
            }
        }
        int suffix = 0;
        int floor = prefix > 0 ? prefix - 1 : 0;
        for (int a = oldPath.length() - 1, b = newPath.length() - 1;
             a >= floor && b >= floor && oldPath.charAt(a) == newPath.charAt(b); a--, b--) {
            if (oldPath.charAt(a) == '/') {
                suffix = oldPath.length() - a;
            }
        }
        String oldMiddle = oldPath.substring(prefix, Math.max(prefix, oldPath.length() - suffix));
        String newMiddle = newPath.substring(prefix, Math.max(prefix, newPath.length() - suffix));
        if (prefix + suffix == 0) {
            return oldMiddle + " => " + newMiddle;
        }
        return oldPath.substring(0, prefix) + "{" + oldMiddle + " => " + newMiddle + "}"
            + oldPath.substring(oldPath.length() - suffix);
    }

    /** A name longer than its column keeps its tail after "...", cut at a directory boundary if there is one. */
    private static String fitName(String name, int width) {
        if (name.length() <= width) {
            return name + " ".repeat(width - name.length());
        }
        int keep = Math.max(0, width - 3);
        String tail = name.substring(name.length() - keep);
        int slash = tail.indexOf('/');
        if (slash >= 0) {
            tail = tail.substring(slash);
        }
        return "..." + tail + " ".repeat(Math.max(0, keep - tail.length()));
    }

    /** git's {@code scale_linear}: a non-zero count never scales to zero. */
    private static long scale(long count, long width, long maxChange) {
        return count == 0 ? 0 : 1 + count * (width - 1) / maxChange;
    }

    private static String pad(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    private static int digits(long value) {
        return Long.toString(value).length();
    }
}
