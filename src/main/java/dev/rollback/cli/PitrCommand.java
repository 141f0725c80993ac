package dev.rollback.cli;

import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.core.RollbackException;
import dev.rollback.core.config.Config;
import dev.rollback.pitr.ArchiveLayout;
import dev.rollback.pitr.TargetChoice;
import dev.rollback.restore.PitrRestorePlan;
import dev.rollback.restore.RestorePlan;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/** The point-in-time side of {@code db-restore}: its inputs from the session, and which kind of restore an undo undoes. */
final class PitrCommand {
    /** Replaying WAL is bounded: a day of heavy writes replays in minutes; more than this is a stuck server. */
    static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(60);

    private PitrCommand() {
    }

    static PitrRestorePlan.Inputs inputs(Session session, RestorePlan.Inputs level3) {
        Config config = session.config();
        String container = config.database().container();
        if (container == null) {
            throw RollbackException.usage("a point-in-time restore needs database.container: the database's container,"
                + " whose data volume it swaps");
        }
        String user = config.database().user() != null ? config.database().user() : "postgres";
        long segment = TargetChoice.segmentBytes(segmentSize(session));
        return new PitrRestorePlan.Inputs(level3, session.app().adapters().databaseData(config),
            new ArchiveLayout(config.backupsDir()), segment, container, user, RECOVERY_TIMEOUT);
    }

    private static String segmentSize(Session session) {
        try {
            return session.postgres().queryFirstValue("show wal_segment_size").orElse(null);
        } catch (RuntimeException e) {
            return null;   // the live server is down: the default size, as every packaged server uses
        }
    }

    /**
     * Whether the newest kept data is a point-in-time restore's volume rather than a dump restore's
     * {@code <db>_pre_restore_<stamp>} database: then {@code --undo} exchanges the volumes back.
     */
    static boolean lastRestoreWasPitr(Session session, String database) {
        String container = session.config().database().container();
        if (container == null) {
            return false;
        }
        DatabaseData data = session.app().adapters().databaseData(session.config());
        Optional<String> kept;
        try {
            String volume = data.inspect(container).volume();
            kept = data.volumesLabelled(DatabaseData.LIVE_LABEL, volume).stream().max(Comparator.naturalOrder());
        } catch (RollbackException e) {
            return false;
        }
        if (kept.isEmpty()) {
            return false;
        }
        String pitrStamp = kept.get().substring(kept.get().lastIndexOf("_pitr_") + "_pitr_".length());
        Optional<String> dumpStamp;
        try {
            String prefix = database + "_pre_restore_";
            dumpStamp = session.postgres().databases().stream().filter(db -> db.startsWith(prefix))
                .map(db -> db.substring(prefix.length())).max(Comparator.naturalOrder());
        } catch (RuntimeException e) {
            return true;   // live is down: only a volume exchange can help
        }
        return dumpStamp.isEmpty() || pitrStamp.compareTo(dumpStamp.get()) > 0;
    }
}
