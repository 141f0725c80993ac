package dev.rollback.migrations;

import dev.rollback.workdir.GitCheckout;

/** The checkout and the two commits of one {@code check-migrations} run; shared by its steps. */
final class CheckedRange {
    GitCheckout checkout;
    RangeEnd from;
    RangeEnd to;
}
