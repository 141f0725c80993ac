package dev.rollback.incident;

import dev.rollback.adapters.docker.Compose;
import java.util.function.Supplier;

/** {@code compose-config.yml}: the resolved compose configuration, secrets redacted ({@link ComposeRedaction}). */
final class ComposeConfigCollector implements Collector {
    private final Supplier<Compose> compose;

    ComposeConfigCollector(Supplier<Compose> compose) {
        this.compose = compose;
    }

    @Override
    public String name() {
        return "compose-config";
    }

    @Override
    public void collect(Bundle bundle) {
        bundle.file("compose-config.yml", ComposeRedaction.redact(compose.get().config()));
    }
}
