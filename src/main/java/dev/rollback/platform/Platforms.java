package dev.rollback.platform;

import dev.rollback.core.RollbackException;
import dev.rollback.core.config.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place a platform is chosen from {@code stack.target}, and the one refusal a command
 * gets when its platform lacks a capability. Nothing else compares target names.
 */
public final class Platforms {
    /** Every platform's name and capabilities, in the order the refusal lists them. */
    private static final Map<String, Set<Capability>> ALL = new LinkedHashMap<>();

    static {
        ALL.put(ComposePlatform.NAME, ComposePlatform.CAPABILITIES);
        ALL.put(SwarmPlatform.NAME, SwarmPlatform.CAPABILITIES);
        ALL.put(DokployPlatform.NAME, DokployPlatform.CAPABILITIES);
    }

    private Platforms() {
    }

    /** The platform {@code stack.target} names (validated, and compose when absent, as the config was loaded). */
    public static Platform choose(Config config, PlatformAdapters adapters) {
        String stack = config.stack().name();
        return switch (config.stack().target()) {
            case SwarmPlatform.NAME -> new SwarmPlatform(stack, adapters.docker(), adapters.swarm(), adapters.swarmStack(),
                adapters.volumes(),
                config.health().timeout());
            case DokployPlatform.NAME -> new DokployPlatform(config, adapters.docker(), adapters.dokploy());
            case ComposePlatform.NAME -> new ComposePlatform(stack, adapters.docker(), adapters.compose(),
                adapters.volumes());
            default -> throw new IllegalStateException("stack.target " + config.stack().target()
                + " passed the config's check but has no platform");
        };
    }

    /** Every {@code stack.target} a platform answers to. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** "recreate works for stack.target compose, not swarm; use redeploy, ...": exit 3 (refused: this platform cannot do it), nothing has run. */
    static RollbackException refusal(Platform platform, Capability capability, String feature) {
        List<String> able = ALL.entrySet().stream().filter(entry -> entry.getValue().contains(capability))
            .map(Map.Entry::getKey).toList();
        return RollbackException.refused(feature + " works for stack.target " + String.join(" or ", able) + ", not "
            + platform.name() + capability.instead());
    }
}
