package dev.rollback.adapters.docker;

import com.github.dockerjava.api.model.PullResponseItem;

/**
 * The progress stream of one pull. The daemon reports some failures inside the stream (an error
 * item after the first layers) rather than as an HTTP error; the last such message is kept so
 * the pull can fail with the registry's own words.
 */
final class PullProgress extends StreamCallback<PullResponseItem> {
    private volatile String error;

    @Override
    public void onNext(PullResponseItem item) {
        if (item != null && item.isErrorIndicated()) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage() : item.getError();
        }
    }

    /** The error the stream reported, or null when it reported none. */
    String error() {
        return error;
    }
}
