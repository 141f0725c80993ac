package dev.rollback.adapters.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Base of the stream callbacks (logs, exec, container wait). docker-java's template logs every
 * stream error at ERROR with a stack trace, even a plain "no such container"; here the error is
 * kept and rethrown to the caller, which translates it into one line like any other call.
 */
abstract class StreamCallback<T> extends ResultCallback.Adapter<T> {
    private volatile Throwable error;

    @Override
    public void onError(Throwable throwable) {
        if (error == null) {
            error = throwable;
        }
        try {
            close(); // ends the stream and releases awaitCompletion
        } catch (IOException ignored) {
            // the stream is already broken; the error above says why
        }
    }

    /** Waits for the end of the stream: true when it ended, false on timeout; rethrows its error. */
    boolean finishedWithin(Duration timeout) throws Exception {
        boolean finished = awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            // The timeout is the answer; an error the stream raised while being given up on
            // (seen: ClosedByInterruptException) would misreport a slow command as a dead daemon.
            return false;
        }
        Throwable failure = error;
        if (failure instanceof Exception exception) {
            throw exception;
        }
        if (failure instanceof Error fatal) {
            throw fatal;
        }
        return finished;
    }
}
