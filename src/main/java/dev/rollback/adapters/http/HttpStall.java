package dev.rollback.adapters.http;

import java.net.http.HttpTimeoutException;

/**
 * An exchange that did not complete within its bound ({@link BoundedHttp}); the message names the
 * request (no query) and where it stalled: before the headers, or in the body after so many bytes.
 */
public final class HttpStall extends HttpTimeoutException {
    private static final long serialVersionUID = 1L;

    HttpStall(String message) {
        super(message);
    }
}
