package dev.rollback.bluegreen;

/** Which copy of the stack the proxy sends traffic to. */
enum Side {
    /** The primary project as it was before the run (the release being rolled back). */
    BLUE("blue"),
    /** {@code <stack>-green}, running the target revision on shifted ports. */
    GREEN("green"),
    /** The primary project again, now running the target revision on the original ports. */
    PRIMARY("primary");

    private final String wire;

    Side(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }
}
