package dev.rollback.watch;

import java.time.Instant;
import java.util.List;

/**
 * One round of a watch in which some check failed: which round, when, and each failing check as
 * {@code name: what it saw} ({@code http:api: 500 in 3 ms}).
 */
public record FailedRound(int round, Instant at, List<String> failing) {
    public FailedRound {
        failing = List.copyOf(failing);
    }
}
