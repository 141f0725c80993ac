package dev.rollback.notify;

import java.util.List;

/**
 * Tells others that a changing run started and how it ended. Posting never fails or holds up the
 * run: {@link #started} and {@link #ended} return at once, and {@link #finish} waits a bounded
 * time for what is still in flight and answers one warning line per post that failed.
 */
public interface RunNotifier {
    RunNotifier NONE = new RunNotifier() {
        @Override
        public void started(RunNotice notice) {
        }

        @Override
        public void ended(RunNotice notice) {
        }

        @Override
        public List<String> finish() {
            return List.of();
        }
    };

    void started(RunNotice notice);

    void ended(RunNotice notice);

    /** Waits at most the posts' bound past the last {@link #ended}; the warnings of the posts that failed or stalled. */
    List<String> finish();
}
