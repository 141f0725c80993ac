package dev.rollback.adapters.postgres;

import java.io.IOException;

/**
 * A plain dump found bad while it streams into a database (a psql meta-command, a cut gzip stream,
 * no completion marker at the end): thrown by a {@link PlainDumpFilter}'s stream before psql
 * receives the bad line, so the transaction never gets its COMMIT. The restore reports it as a
 * refused backup (exit 3) with this message, which names the file and what is wrong.
 */
public final class DumpRejected extends IOException {
    public DumpRejected(String message) {
        super(message);
    }
}
