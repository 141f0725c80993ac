package dev.rollback.adapters.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/** What changed between two commits: the paths, and the per-file line counts of {@code git diff --stat}. */
final class TreeDiff {
    private final Revisions revisions;

    TreeDiff(Revisions revisions) {
        this.revisions = revisions;
    }

    /** Every path added, modified or deleted (a rename shows as both of its paths), sorted. */
    List<String> changedPaths(String from, String to) {
        SortedSet<String> paths = new TreeSet<>();
        for (DiffEntry entry : entries(from, to, false)) {
            if (entry.getChangeType() != DiffEntry.ChangeType.ADD) {
                paths.add(entry.getOldPath());
            }
            if (entry.getChangeType() != DiffEntry.ChangeType.DELETE) {
                paths.add(entry.getNewPath());
            }
        }
        return List.copyOf(paths);
    }

    /** Every file added, modified, deleted or renamed (git's rename detection, as {@code git diff -M}), by path. */
    List<FileChange> changes(String from, String to) {
        List<FileChange> changes = new ArrayList<>();
        for (DiffEntry entry : entries(from, to, true)) {
            switch (entry.getChangeType()) {
                case ADD -> changes.add(new FileChange(null, entry.getNewPath(), 0));
                case DELETE -> changes.add(new FileChange(entry.getOldPath(), null, 0));
                case RENAME, COPY -> changes.add(new FileChange(entry.getOldPath(), entry.getNewPath(), entry.getScore()));
                default -> changes.add(new FileChange(entry.getOldPath(), entry.getNewPath(), 0));
            }
        }
        changes.sort(Comparator.comparing(FileChange::path));
        return changes;
    }

    /** {@code git diff --stat from to}, 80 columns wide, renames detected as git does by default. */
    String stat(String from, String to) {
        Repository repository = revisions.repository();
        List<DiffStatFormat.FileStat> files = new ArrayList<>();
        try (DiffFormatter formatter = formatter(true); ObjectReader reader = repository.newObjectReader()) {
            for (DiffEntry entry : entries(from, to, true)) {
                FileHeader header = formatter.toFileHeader(entry);
                if (header.getPatchType() == FileHeader.PatchType.BINARY) {
                    files.add(DiffStatFormat.FileStat.binary(entry.getOldPath(), entry.getNewPath(),
                        size(reader, entry, DiffEntry.Side.OLD), size(reader, entry, DiffEntry.Side.NEW)));
                    continue;
                }
                int added = 0;
                int deleted = 0;
                for (Edit edit : header.toEditList()) {
                    added += edit.getLengthB();
                    deleted += edit.getLengthA();
                }
                files.add(DiffStatFormat.FileStat.text(entry.getOldPath(), entry.getNewPath(), added, deleted));
            }
        } catch (IOException e) {
            throw revisions.unreadable("diff " + from + " and " + to, e);
        }
        return DiffStatFormat.format(files);
    }

    private List<DiffEntry> entries(String from, String to, boolean renames) {
        try (RevWalk walk = new RevWalk(revisions.repository()); DiffFormatter formatter = formatter(renames)) {
            RevCommit a = revisions.commit(walk, from);
            RevCommit b = revisions.commit(walk, to);
            return formatter.scan(a.getTree(), b.getTree());
        } catch (IOException e) {
            throw revisions.unreadable("diff " + from + " and " + to, e);
        }
    }

    /** Myers, as git's default; JGit's own default (histogram) can count some changes differently. */
    private DiffFormatter formatter(boolean renames) {
        DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE);
        formatter.setRepository(revisions.repository());
        formatter.setDiffComparator(RawTextComparator.DEFAULT);
        formatter.setDiffAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.MYERS));
        formatter.setDetectRenames(renames);
        return formatter;
    }

    private static long size(ObjectReader reader, DiffEntry entry, DiffEntry.Side side) throws IOException {
        DiffEntry.ChangeType type = entry.getChangeType();
        boolean absent = side == DiffEntry.Side.OLD ? type == DiffEntry.ChangeType.ADD
            : type == DiffEntry.ChangeType.DELETE;
        return absent ? 0 : reader.getObjectSize(entry.getId(side).toObjectId(), Constants.OBJ_BLOB);
    }
}
