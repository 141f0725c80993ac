package dev.rollback.recreate;

import dev.rollback.adapters.docker.Docker;
import dev.rollback.adapters.docker.StackTool;
import dev.rollback.core.StepContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Brings the running stack to the files in place, recreating only the services that changed
 * ({@link ServiceChanges}) and naming them in the report: the database and the proxy keep their
 * containers when their definition and image are the same. Where the tool cannot print the
 * definitions' hashes, it decides by itself which services changed.
 */
final class ChangedServices {
    private final Docker docker;
    private final StackTool stack;
    private final String project;

    ChangedServices(Docker docker, StackTool stack, String project) {
        this.docker = docker;
        this.stack = stack;
        this.project = project;
    }

    void update(StepContext context) {
        Optional<Map<String, String>> hashes = stack.configHashes();
        if (hashes.isEmpty()) {
            stack.update(List.of());
            context.detail("recreated", "the services " + stack.implementation() + " found changed");
            return;
        }
        ServiceChanges changes = ServiceChanges.between(hashes.get(), imageIds(), docker.projectContainers(project));
        context.detail("recreated", changes.recreate()).detail("unchanged", changes.unchanged());
        if (!changes.removed().isEmpty()) {
            context.detail("removed", changes.removed());
        }
        if (!changes.nothingToDo()) {
            stack.update(changes.recreate());
        }
    }

    /** Per service, the image its reference points at now (after the tags were moved back). */
    private Map<String, String> imageIds() {
        Map<String, String> ids = new TreeMap<>();
        stack.images().forEach((service, reference) -> docker.imageId(reference).ifPresent(id -> ids.put(service, id)));
        return ids;
    }
}
