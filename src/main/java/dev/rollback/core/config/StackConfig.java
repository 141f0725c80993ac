package dev.rollback.core.config;

import java.util.List;

/** {@code stack:} what runs and how it is deployed. */
public record StackConfig(String name, String target, String workdir, String composeFile, String envFile,
                          List<String> appServices, List<String> statefulServices) {

    public StackConfig {
        Names.requirePresent("stack.name", name);
        Names.requireProjectName("stack.name", name);
        target = target != null ? target : "compose";
        Names.requireOneOf("stack.target", target, List.of("compose", "swarm", "dokploy"));
        workdir = workdir != null ? workdir : ".";
        composeFile = composeFile != null ? composeFile : "docker-compose.yml";
        appServices = appServices != null ? List.copyOf(appServices) : List.of();
        statefulServices = statefulServices != null ? List.copyOf(statefulServices) : List.of();
        appServices.forEach(s -> Names.requireServiceName("stack.app-services", s));
        statefulServices.forEach(s -> Names.requireServiceName("stack.stateful-services", s));
    }
}
