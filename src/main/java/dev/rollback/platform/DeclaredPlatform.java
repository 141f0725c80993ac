package dev.rollback.platform;

import java.util.Set;

/** What every platform declares the same way: its {@code stack.target} name and its capabilities. */
abstract class DeclaredPlatform implements Platform {
    private final String name;
    private final Set<Capability> capabilities;

    DeclaredPlatform(String name, Set<Capability> capabilities) {
        this.name = name;
        this.capabilities = capabilities;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }
}
