package dev.rollback.adapters.http;

import java.util.Locale;
import java.util.Map;

/**
 * An answer the API gave with a status it does not accept as success, ready for a message: every
 * text in it is on one line, capped, with the credential masked ({@link ServerText}).
 *
 * @param status   the HTTP status
 * @param message  the server's own words from its JSON error body ({@link ApiErrors#message}), or empty
 * @param location the {@code Location} header of a redirect, or null
 * @param headers  the answer's headers, names in lower case, first value each (a rate limit's reset time)
 */
public record ErrorAnswer(int status, String message, String location, Map<String, String> headers) {
    public ErrorAnswer {
        headers = Map.copyOf(headers);
    }

    public ErrorAnswer(int status, String message, String location) {
        this(status, message, location, Map.of());
    }

    /** The header {@code name} (any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The server's words, else {@code HTTP 502}: an HTML page from a proxy says less than its status. */
    public String detail() {
        return message.isEmpty() ? "HTTP " + status : message;
    }

    public boolean redirect() {
        return status >= 300 && status < 400;
    }
}
