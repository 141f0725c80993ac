package dev.rollback.restore;

import dev.rollback.adapters.docker.DatabaseData;
import dev.rollback.adapters.docker.DatabaseData.LiveData;
import dev.rollback.pitr.BaseBackup;
import dev.rollback.pitr.RestoreTarget;
import dev.rollback.pitr.WalArchive;
import java.util.Map;

/** What the steps of one point-in-time restore share. */
final class PitrState {
    final String container;
    final String database;
    final String user;
    final String stamp;
    RestoreTarget target;
    BaseBackup base;
    WalArchive.Coverage coverage;
    LiveData live;
    /** The restore's volume: the restored data until the swap, the replaced live data after it. */
    String otherVolume;
    String scratchServer;
    /** The exchange has begun: from here on the restore's volume is never removed, it may hold the old data. */
    boolean exchangeStarted;

    PitrState(String container, String database, String user, String stamp) {
        this.container = container;
        this.database = database;
        this.user = user;
        this.stamp = stamp;
    }

    Map<String, String> labels() {
        return Map.of(DatabaseData.LABEL, "restore", DatabaseData.LIVE_LABEL, live.volume(),
            "dev.rollback.pitr.target", target == null ? "undo" : target.what());
    }
}
