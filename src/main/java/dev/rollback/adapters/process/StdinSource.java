package dev.rollback.adapters.process;

import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes for a process's stdin that are not a plain file: a decompressed dump, a dump wrapped in a
 * transaction. The runner opens it once, on a thread of its own, and copies it to the process in
 * small chunks, so nothing is held in memory.
 *
 * <p>An {@link IOException} while reading means the input is incomplete: the runner then closes
 * the process's stdin and reports the run as failed, whatever the process's exit code. A source
 * whose consumer would act on a partial stream (psql commits at end of input) must be built so that
 * a cut stream is harmless; see the postgres adapter's plain-dump restore.
 */
@FunctionalInterface
public interface StdinSource {
    InputStream open() throws IOException;
}
