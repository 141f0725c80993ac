package dev.rollback.pitr;

import dev.rollback.core.RollbackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The WAL archive {@code backups.dir/wal/} as {@code pg_receivewal} writes it: complete segments named
 * {@code TTTTTTTTXXXXXXXXYYYYYYYY} and the one being written as {@code <segment>.partial}. Answers whether every
 * segment a restore needs is there, naming the first gap when not.
 */
public final class WalArchive {
    /** PostgreSQL's default segment size; {@code wal_segment_size} of the server overrides it. */
    public static final long DEFAULT_SEGMENT_BYTES = 16L * 1024 * 1024;

    private final Path dir;
    private final long segmentBytes;

    public WalArchive(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    public Path dir() {
        return dir;
    }

    /** The segment's file name holding {@code lsn} on {@code timeline}. */
    public String segmentOf(int timeline, Lsn lsn) {
        long segment = Long.divideUnsigned(lsn.value(), segmentBytes);
        long perId = Long.divideUnsigned(0x100000000L, segmentBytes);
        return String.format("%08X%08X%08X", timeline, segment / perId, segment % perId);
    }

    /**
     * The segments from the one holding {@code start} through the one holding {@code end}, in order.
     * A restore needs each as a complete file or, for the newest only, as {@code .partial}.
     */
    public List<String> segmentsBetween(int timeline, Lsn start, Lsn end) {
        long first = Long.divideUnsigned(start.value(), segmentBytes);
        long last = Long.divideUnsigned(end.value(), segmentBytes);
        List<String> names = new ArrayList<>();
        for (long segment = first; segment <= last; segment++) {
            names.add(segmentOf(timeline, new Lsn(segment * segmentBytes)));
        }
        return names;
    }

    /** What the archive has for a restore from {@code start} to {@code end}. */
    public record Coverage(List<String> segments, List<String> missing, String partial) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /**
     * Checks every segment from {@code start} to {@code end}: a complete file, or {@code .partial} for the
     * last one (right after a bad deploy the target is usually in the segment still being written).
     */
    public Coverage cover(int timeline, Lsn start, Lsn end) {
        Set<String> files = files();
        List<String> segments = segmentsBetween(timeline, start, end);
        List<String> missing = new ArrayList<>();
        String partial = null;
        for (int i = 0; i < segments.size(); i++) {
            String name = segments.get(i);
            if (files.contains(name)) {
                continue;
            }
            if (i == segments.size() - 1 && files.contains(name + ".partial")) {
                partial = name;
            } else {
                missing.add(name);
            }
        }
        return new Coverage(segments, missing, partial);
    }

    /** The newest segment on {@code timeline} (complete or partial), as an LSN at its start; empty when none. */
    public Optional<Lsn> newestSegmentStart(int timeline) {
        String prefix = String.format("%08X", timeline);
        return files().stream().map(name -> name.replace(".partial", ""))
            .filter(name -> name.length() == 24 && name.startsWith(prefix) && name.matches("[0-9A-F]{24}"))
            .max(String::compareTo)
            .map(name -> {
                long id = Long.parseLong(name.substring(8, 16), 16);
                long seg = Long.parseLong(name.substring(16, 24), 16);
                return new Lsn(id * 0x100000000L + seg * segmentBytes);
            });
    }

    /** When the archive was last written (the newest file's modification time): how far a time target can reach. */
    public Optional<Instant> lastWritten() {
        try (Stream<Path> list = listing()) {
            return list.map(WalArchive::modified).max(Instant::compareTo);
        }
    }

    private Set<String> files() {
        try (Stream<Path> list = listing()) {
            return list.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private Stream<Path> listing() {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try {
            return Files.list(dir).filter(Files::isRegularFile);
        } catch (IOException e) {
            throw RollbackException.failed("cannot list the WAL archive " + dir + ": " + e.getMessage());
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
