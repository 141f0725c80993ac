package dev.rollback.adapters.http;

/**
 * Text a server or the network sent (an error message, a redirect target, why a connection
 * failed), made fit for a one-line message: whitespace collapsed, cut at {@link #MAX_CHARS}, and the
 * credential masked in case a proxy echoes request headers back.
 */
public final class ServerText {
    /** Room for an API's own sentence; a stack trace in an error body is cut here. */
    public static final int MAX_CHARS = 200;

    private final EnvSecret secret;

    ServerText(EnvSecret secret) {
        this.secret = secret;
    }

    public String oneLine(String text) {
        String line = secret.mask(text).replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS - 1) + "…";
    }
}
