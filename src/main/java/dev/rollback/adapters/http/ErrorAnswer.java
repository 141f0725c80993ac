package dev.rollback.adapters.http;

/**
 * An answer the API gave with a status it does not accept as success, ready for a message: every
 * text in it is on one line, capped, with the credential masked ({@link ServerText}).
 *
 * @param status   the HTTP status
 * @param message  the server's own words from its JSON error body ({@link ApiErrors#message}), or empty
 * @param location the {@code Location} header of a redirect, or null
 */
public record ErrorAnswer(int status, String message, String location) {
    /** The server's words, else {@code HTTP 502}: an HTML page from a proxy says less than its status. */
    public String detail() {
        return message.isEmpty() ? "HTTP " + status : message;
    }

    public boolean redirect() {
        return status >= 300 && status < 400;
    }
}
