package dev.rollback.adapters.http;

/**
 * An accepted answer that lacks what the published API always sends, thrown by a vendor's reader
 * of it (a droplet without an id, a deployment list that is an object). The message says what is
 * wrong without quoting the body; {@link JsonApi#reading} turns it into the vendor's wording.
 */
public final class MalformedAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedAnswer(String problem) {
        super(problem);
    }
}
