package dev.rollback.faults;

/** One fault and where in a run it strikes: a step boundary, or a delay into a step. */
record Fault(Kind kind, String step, long delayMs) {
    enum Kind {
        /** SIGKILL while the executor pauses before {@code step} (the fault seam). */
        KILL_BEFORE,
        /** SIGKILL {@code delayMs} after {@code step}'s progress line. */
        KILL_DURING,
        /** The Docker daemon's socket goes away {@code delayMs} into {@code step}. */
        DOCKER_GONE,
        /** PostgreSQL's port refuses connections (and open ones are cut) {@code delayMs} into {@code step}. */
        DATABASE_GONE
    }

    static Fault killBefore(String step) {
        return new Fault(Kind.KILL_BEFORE, step, 0);
    }

    /** {@code delayMs} negative: half the step's duration as measured in the last successful run. */
    static Fault killDuring(String step) {
        return new Fault(Kind.KILL_DURING, step, -1);
    }

    static Fault dockerGone(String step, long delayMs) {
        return new Fault(Kind.DOCKER_GONE, step, delayMs);
    }

    static Fault databaseGone(String step, long delayMs) {
        return new Fault(Kind.DATABASE_GONE, step, delayMs);
    }

    boolean kills() {
        return kind == Kind.KILL_BEFORE || kind == Kind.KILL_DURING;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case KILL_BEFORE -> "kill -9 before " + step;
            case KILL_DURING -> "kill -9 mid " + step;
            case DOCKER_GONE -> "Docker unreachable during " + step;
            case DATABASE_GONE -> "database refuses during " + step;
        };
    }
}
