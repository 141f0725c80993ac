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
    /**
     * A run killed after its exchange left the restored data live and the replaced data in {@link #otherVolume}: this
     * run only starts the database and the app and verifies, so the volume it names keeps the data that was live.
     */
    boolean resumed;

    /** Run memory key: the volume the exchange put the replaced data in, remembered once the exchange is done. */
    static final String SWAPPED_WITH = "pitrSwappedWith";

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
