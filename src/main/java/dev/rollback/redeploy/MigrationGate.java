package dev.rollback.redeploy;

import dev.rollback.migrations.MigrationCheck;
import dev.rollback.workdir.GitCheckout;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How level 1 checks the migrations between the release it goes back to and what runs: the
 * checkout to read them from and the {@code check-migrations} machinery, or why it does not check
 * ({@code --ignore-migrations}, or a caller for which the database is restored anyway).
 *
 * @param skipReason why the check is not run, or null when it is
 * @param checkout   opens the checkout around the workdir; throws (exit 3) when there is none
 * @param check      the migration check over that checkout ({@code migrations.paths} and the rest)
 */
public record MigrationGate(String skipReason, Supplier<GitCheckout> checkout,
                            Function<GitCheckout, MigrationCheck> check) {

    public static MigrationGate checking(Supplier<GitCheckout> checkout, Function<GitCheckout, MigrationCheck> check) {
        return new MigrationGate(null, checkout, check);
    }

    public static MigrationGate skipped(String reason) {
        return new MigrationGate(reason, null, null);
    }

    boolean skips() {
        return skipReason != null;
    }
}
