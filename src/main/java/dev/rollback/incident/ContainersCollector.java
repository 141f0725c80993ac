package dev.rollback.incident;

import dev.rollback.adapters.docker.ContainerInfo;
import dev.rollback.adapters.docker.Docker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** summary.md's "what is running, what is unhealthy": the stack's containers, their state and health. */
final class ContainersCollector implements Collector {
    private final Supplier<Docker> docker;
    private final String project;

    ContainersCollector(Supplier<Docker> docker, String project) {
        this.docker = docker;
        this.project = project;
    }

    @Override
    public String name() {
        return "containers";
    }

    @Override
    public void collect(Bundle bundle) {
        List<ContainerInfo> containers = docker.get().projectContainers(project);
        List<String> lines = new ArrayList<>(List.of("| service | container | image | state | health |",
            "|---|---|---|---|---|"));
        List<String> unhealthy = new ArrayList<>();
        for (ContainerInfo c : containers) {
            lines.add("| " + c.service() + " | " + c.name() + " | " + c.image() + " | " + c.state()
                + (c.exitCode() != null ? " (exit " + c.exitCode() + ")" : "") + " | " + c.health() + " |");
            if (!c.running() || "unhealthy".equals(c.health()) || "starting".equals(c.health())) {
                unhealthy.add("- container " + c.name() + ": " + c.state() + ", health " + c.health());
            }
        }
        if (containers.isEmpty()) {
            lines = List.of("No container of project " + project + " exists on " + docker.get().endpoint() + ".");
            unhealthy.add("- no container of project " + project + " exists");
        }
        bundle.section("Containers of " + project, lines);
        bundle.section(Bundle.UNHEALTHY, unhealthy);
    }
}
