package dev.rollback.adapters.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies a {@link StdinSource} into a process's stdin on its own thread, chunk by chunk, then
 * closes stdin so the process sees the end of its input.
 *
 * <p>Two failures are told apart. Reading the source failed: the input is incomplete, which the
 * runner must report even if the process exits 0. Writing failed: the process stopped reading
 * (exited, often on an error of its own), which its exit code already tells, so it is not an error
 * here.
 */
final class StdinPump extends Thread {
    private static final int CHUNK = 64 * 1024;

    private final StdinSource source;
    private final OutputStream stdin;
    private volatile IOException inputFailure;

    StdinPump(StdinSource source, OutputStream stdin) {
        super("stdin-pump");
        this.source = source;
        this.stdin = stdin;
        setDaemon(true);
    }

    @Override
    public void run() {
        try (OutputStream out = stdin; InputStream in = openSource()) {
            if (in != null) {
                pump(in, out);
            }
        } catch (IOException closing) {
            // Closing a pipe the process already closed: nothing to report.
        }
    }

    /** The reason the input could not be read to its end; null when it was (or the process stopped reading). */
    IOException inputFailure() {
        return inputFailure;
    }

    private InputStream openSource() {
        try {
            return source.open();
        } catch (IOException e) {
            inputFailure = e;
            return null;
        }
    }

    private void pump(InputStream in, OutputStream out) {
        byte[] buffer = new byte[CHUNK];
        while (true) {
            int read;
            try {
                read = in.read(buffer);
            } catch (IOException e) {
                inputFailure = e;
                return;
            }
            if (read < 0) {
                return;
            }
            try {
                out.write(buffer, 0, read);
            } catch (IOException processStoppedReading) {
                return;
            }
        }
    }
}
