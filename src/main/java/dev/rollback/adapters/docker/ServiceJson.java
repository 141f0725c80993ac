package dev.rollback.adapters.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollback.core.RollbackException;

/**
 * Reading and changing a service as the daemon's own JSON ({@code GET /services/{id}}), for
 * {@link SwarmEngine}'s writes through {@link RawEngineApi}. No I/O.
 */
final class ServiceJson {
    private ServiceJson() {
    }

    /** Updates name the version they were based on: a concurrent change makes the daemon refuse. */
    static String updatePath(JsonNode service, String extraQuery) {
        return "/services/" + service.path("ID").asText() + "/update?version="
            + service.path("Version").path("Index").asLong() + extraQuery;
    }

    /**
     * The replica count of a replicated service's spec (the Engine's default of 1 when unset).
     * Any other mode (global, or a job) is a refusal: it has no count to set.
     */
    static int replicas(JsonNode service) {
        JsonNode replicated = service.path("Spec").path("Mode").path("Replicated");
        if (!replicated.isObject()) {
            var modes = service.path("Spec").path("Mode").fieldNames();
            String mode = modes.hasNext() ? modes.next() : "unknown";
            throw RollbackException.refused("service " + nameOf(service) + " is in " + mode + " mode: it cannot"
                + " be scaled (only replicated services have a replica count)");
        }
        JsonNode replicas = replicated.path("Replicas");
        return replicas.isMissingNode() || replicas.isNull() ? 1 : Math.toIntExact(replicas.asLong());
    }

    /** A copy of the service's spec with only {@code Mode.Replicated.Replicas} changed. */
    static ObjectNode withReplicas(JsonNode service, int replicas) {
        replicas(service); // refuses what is not replicated
        ObjectNode spec = service.path("Spec").deepCopy();
        spec.withObjectProperty("Mode").withObjectProperty("Replicated").put("Replicas", replicas);
        return spec;
    }

    static String nameOf(JsonNode service) {
        return service.path("Spec").path("Name").asText();
    }

    static String shortId(JsonNode service) {
        String id = service.path("ID").asText();
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    static String imageOf(JsonNode spec) {
        return spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText();
    }
}
