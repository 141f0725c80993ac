package dev.rollback.adapters.docker;

import com.github.dockerjava.api.model.WaitResponse;

/** The answer of the Engine's container wait: the exit code once the container stopped. */
final class ExitWait extends StreamCallback<WaitResponse> {
    private volatile Integer statusCode;

    @Override
    public void onNext(WaitResponse response) {
        statusCode = response.getStatusCode();
    }

    /** The exit code; null when the stream ended without one. */
    Integer statusCode() {
        return statusCode;
    }
}
