package dev.rollback.adapters.postgres;

import java.time.Duration;

/**
 * What a {@link Postgres#swap} (or its undo) did.
 *
 * @param live               the live name, now naming the database that was put in place
 * @param keptOld            the name the replaced database now has
 * @param renameWindow       from sending the first rename to the commit of the second: the time in
 *                           which the live name was being moved. Both renames commit together, so
 *                           other sessions never see the live name missing; they see the old pair
 *                           or the new one
 * @param connectionsRefused from closing live to new connections until the new live accepted them
 *                           (ending sessions included): the database downtime the swap caused
 * @param terminatedSessions sessions ended on live and on the replacement before the renames
 */
public record SwapResult(String live, String keptOld, Duration renameWindow, Duration connectionsRefused,
                         int terminatedSessions) {

    /** The rename window in milliseconds, with sub-millisecond precision (it is often about one). */
    public double renameWindowMillis() {
        return renameWindow.toNanos() / 1_000_000.0;
    }
}
