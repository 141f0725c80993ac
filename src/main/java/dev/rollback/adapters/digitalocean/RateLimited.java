package dev.rollback.adapters.digitalocean;

import dev.rollback.core.ExitCode;
import dev.rollback.core.RollbackException;
import java.time.Instant;

/**
 * DigitalOcean's 429: the request was refused, not carried out, so it may be sent again once the
 * limit resets ({@code ratelimit-reset}, Unix seconds, or {@code retry-after}, seconds). Exit 4 when
 * it is not waited for.
 */
final class RateLimited extends RollbackException {
    /** When the API takes requests again; null when the answer did not say. */
    private final Instant resetAt;

    RateLimited(String message, Instant resetAt) {
        super(ExitCode.UNREACHABLE, message);
        this.resetAt = resetAt;
    }

    Instant resetAt() {
        return resetAt;
    }
}
