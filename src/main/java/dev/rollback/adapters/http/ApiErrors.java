package dev.rollback.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollback.core.RollbackException;
import java.io.IOException;

/**
 * What is vendor-specific in an API's failures, given to {@link JsonApi}: the shape of its error
 * body, which status means what (and so which exit code), and the wording that names the vendor
 * and says what to do. The texts handed in are already one line, capped and masked
 * ({@link ServerText}); an implementation only words them. One per vendor:
 * {@code DigitalOceanErrors}, {@code DokployErrors}, {@code GitHubErrors}.
 */
public interface ApiErrors {
    /** Whether {@code status} is the call having worked; any other status goes to {@link #status}. */
    default boolean accepted(int status) {
        return status >= 200 && status < 300;
    }

    /** The server's own words in an error body (blank: none); {@code {"message": "..."}} by default. */
    default String message(JsonNode body) {
        JsonNode message = body.path("message");
        return message.isTextual() ? message.asText() : "";
    }

    /** An answer with a status that is not {@link #accepted}. */
    RollbackException status(ApiCall call, ErrorAnswer answer);

    /** No answer at all; {@code reason} says why ({@link IoFailure}). */
    RollbackException unreachable(ApiCall call, String reason, IOException cause);

    /** An accepted answer whose body is not what the published API returns. */
    RollbackException malformed(ApiCall call, String problem);

    /** The operator interrupted the call (the thread's interrupt flag is set again already). */
    RollbackException interrupted(ApiCall call, InterruptedException cause);
}
