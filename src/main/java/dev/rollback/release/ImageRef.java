package dev.rollback.release;

/**
 * An image reference split into repository and tag ({@code merq/backend:current},
 * {@code registry:5000/team/app} → tag {@code latest}). A digest reference ({@code @sha256:…})
 * is immutable and cannot be re-pointed.
 */
public record ImageRef(String repository, String tag, boolean digest) {

    public static ImageRef parse(String reference) {
        int at = reference.indexOf('@');
        if (at >= 0) {
            return new ImageRef(reference.substring(0, at), null, true);
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        if (colon > slash) {
            return new ImageRef(reference.substring(0, colon), reference.substring(colon + 1), false);
        }
        return new ImageRef(reference, "latest", false);
    }

    /** The tag that keeps a recorded image from being pruned: {@code <repository>:rollback-<release>}. */
    public String protectiveTag(String releaseId) {
        return repository + ":rollback-" + releaseId;
    }

    @Override
    public String toString() {
        return digest ? repository + "@…" : repository + ":" + tag;
    }
}
