package dev.rollback.core.config;

import java.util.List;

/** {@code stack:} what runs and how it is deployed. */
public record StackConfig(String name, String target, String workdir, String composeFile, String envFile,
                          List<String> appServices, List<String> statefulServices) {
    /**
     * The values {@code stack.target} takes, the first the default. Each names a platform that
     * {@code dev.rollback.platform.Platforms} chooses; nothing else compares them.
     */
    public static final List<String> TARGETS = List.of("compose", "swarm", "dokploy");

    public StackConfig {
        Names.requirePresent("stack.name", name);
        Names.requireProjectName("stack.name", name);
        target = target != null ? target : TARGETS.get(0);
        Names.requireOneOf("stack.target", target, TARGETS);
        workdir = workdir != null ? workdir : ".";
        composeFile = composeFile != null ? composeFile : "docker-compose.yml";
        appServices = appServices != null ? List.copyOf(appServices) : List.of();
        statefulServices = statefulServices != null ? List.copyOf(statefulServices) : List.of();
        appServices.forEach(s -> Names.requireServiceName("stack.app-services", s));
        statefulServices.forEach(s -> Names.requireServiceName("stack.stateful-services", s));
    }
}
