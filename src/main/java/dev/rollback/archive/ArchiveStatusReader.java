package dev.rollback.archive;

import dev.rollback.adapters.postgres.Replication;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.pitr.BaseBackup;
import dev.rollback.pitr.BaseBackups;
import dev.rollback.pitr.Lsn;
import dev.rollback.pitr.WalArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@link ArchiveStatus}: the archiver's slot as the server sees it, the newest file in {@code wal/} and
 * the newest base backup. Never throws for what it finds: a database that does not answer is a status ("not
 * live: ..."), as {@code plan}'s probes require.
 */
public final class ArchiveStatusReader {
    /** The physical replication slot {@code rollback archive} streams through. */
    public static final String SLOT = "rollback_archive";
    /** pg_receivewal answers the server every 10 s ({@code --status-interval}); six missed answers is not live. */
    static final Duration MAX_REPLY_AGE = Duration.ofSeconds(60);
    /** PostgreSQL's default WAL segment size; segment names are read with it. */
    static final long SEGMENT_BYTES = WalArchive.DEFAULT_SEGMENT_BYTES;
    private static final Pattern SEGMENT = Pattern.compile("[0-9A-F]{24}");

    private final ArchiveLayout layout;
    private final Supplier<Replication> replication;
    private final Clock clock;

    public ArchiveStatusReader(ArchiveLayout layout, Supplier<Replication> replication, Clock clock) {
        this.layout = layout;
        this.replication = replication;
        this.clock = clock;
    }

    public ArchiveStatus read() {
        Path wal = layout.wal();
        if (!Files.isDirectory(wal) && !Files.isDirectory(layout.baseBackups())) {
            return ArchiveStatus.notSetUp("archiving is not set up (no " + wal + "; see rollback archive)");
        }
        Optional<Path> newest = newest(wal, p -> true);
        Duration age = newest.map(this::age).orElse(null);
        String base = newestBaseBackup();
        Lsn fromFiles = newest(wal, p -> SEGMENT.matcher(p.getFileName().toString()).matches())
            .map(p -> segmentEnd(p.getFileName().toString())).orElse(null);
        String walName = newest.map(p -> p.getFileName().toString()).orElse(null);
        Optional<Replication.SlotState> slot;
        try {
            slot = replication.get().slot(SLOT);
        } catch (RuntimeException e) {   // RollbackException, or a database adapter without replication
            return new ArchiveStatus(false, "not live: the database does not answer (" + e.getMessage() + ")", null,
                walName, age, base, fromFiles);
        }
        if (slot.isEmpty()) {
            return new ArchiveStatus(false, "not live: the server has no replication slot " + SLOT + " (rollback archive"
                + " creates it)", null, walName, age, base, fromFiles);
        }
        Replication.SlotState state = slot.get();
        Long lag = state.writeLsn() == null ? null : Lsn.parse(state.currentLsn()).bytesAfter(Lsn.parse(state.writeLsn()));
        String why = liveOrWhyNot(state, newest.isPresent());
        Lsn covers = why == null ? Lsn.parse(state.writeLsn()) : fromFiles;
        String detail = why == null ? "live: " + lag + " bytes behind, newest WAL " + walName + " written "
            + age.toSeconds() + " s ago" : "not live: " + why;
        return new ArchiveStatus(why == null, detail, lag, walName, age, base, covers);
    }

    /** Null when live, else the reason. */
    private static String liveOrWhyNot(Replication.SlotState state, boolean hasFiles) {
        if (!state.active()) {
            return "no archiver is connected to slot " + SLOT + " (is rollback archive running?)";
        }
        if (state.writeLsn() == null || state.replyAge() == null) {
            return "the archiver on slot " + SLOT + " has not reported a position yet";
        }
        if (state.replyAge().compareTo(MAX_REPLY_AGE) > 0) {
            return "the archiver last answered " + state.replyAge().toSeconds() + " s ago";
        }
        return hasFiles ? null : "the archiver is connected but this machine's wal directory is empty (another machine's"
            + " archiver?)";
    }

    /** The newest complete base backup's name, or null (also when base/ cannot be listed: a status never throws). */
    private String newestBaseBackup() {
        try {
            List<BaseBackup> bases = new BaseBackups(layout).list();
            return bases.isEmpty() ? null : bases.get(bases.size() - 1).name();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Where the segment named {@code name} (timeline, log, segment in hex) ends, with 16 MB segments. */
    static Lsn segmentEnd(String name) {
        long log = Long.parseLong(name.substring(8, 16), 16);
        long segment = Long.parseLong(name.substring(16, 24), 16);
        return new Lsn((log << 32) + (segment + 1) * SEGMENT_BYTES);
    }

    private Duration age(Path file) {
        try {
            Duration age = Duration.between(Files.getLastModifiedTime(file).toInstant(), clock.instant());
            return age.isNegative() ? Duration.ZERO : age;
        } catch (IOException e) {
            return null;
        }
    }

    /** The last entry by name (WAL segments and base backup names sort by time); hidden entries left out. */
    private static Optional<Path> newest(Path dir, java.util.function.Predicate<Path> accepted) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                .filter(accepted).max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
