package dev.rollback.adapters.http;

import dev.rollback.core.config.DurationText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * A few words for an operator on why a request got no answer. The JDK client's exceptions mostly
 * carry no message at all (a refused connection is {@code ConnectException(null)}).
 */
public final class IoFailure {
    private IoFailure() {
    }

    public static String reason(IOException error, Duration connectTimeout, Duration requestTimeout) {
        if (error instanceof HttpStall) {
            return error.getMessage();
        }
        if (error instanceof HttpConnectTimeoutException) {
            return "no connection within " + DurationText.format(connectTimeout);
        }
        if (error instanceof HttpTimeoutException) {
            return "no answer within " + DurationText.format(requestTimeout);
        }
        if (unknownHost(error)) {
            return "unknown host";
        }
        if (causedBy(error, SSLException.class)) {
            return "TLS failed: " + firstMessage(error, "handshake error");
        }
        if (error instanceof ConnectException) {
            // A refused connection surfaces as ConnectException(null) <- ClosedChannelException(null).
            return firstMessage(error, "connection refused");
        }
        return firstMessage(error, error.getClass().getSimpleName());
    }

    /** The host name did not resolve. */
    public static boolean unknownHost(IOException error) {
        return causedBy(error, UnresolvedAddressException.class) || causedBy(error, UnknownHostException.class);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstMessage(Throwable error, String fallback) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                String message = t.getMessage().strip().replaceAll("\\s+", " ");
                return message.length() > 120 ? message.substring(0, 117) + "..." : message;
            }
        }
        return fallback;
    }
}
