package dev.rollback.rebuild;

import dev.rollback.core.Step;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Level 4 on this host.
 *
 * @param incident     the incident bundle step (first)
 * @param volumes      which volumes are refilled from their archives
 * @param database     {@code --restore-db}, or null for none
 * @param verification the post-rollback checks of everything, built when that phase starts
 */
public record LocalInputs(Step incident, ReleaseInputs release, VolumeInputs volumes, DatabaseInputs database,
                          Supplier<List<Step>> verification, BooleanSupplier cancelled) {
}
