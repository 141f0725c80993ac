package dev.rollback.adapters.dokploy;

import dev.rollback.core.RollbackException;
import dev.rollback.core.config.DokployConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Dokploy} over its REST API. Each method is one request; nothing is retried, because a
 * redeploy that timed out may still have been queued, and a second one would build twice.
 */
public final class DokployClient implements Dokploy {
    private static final Logger LOG = LoggerFactory.getLogger(DokployClient.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: {@code rollback.rollback} answers only once Docker has accepted the new service spec. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final DokployUrl url;
    private final DokployHttp http;

    DokployClient(DokployUrl url, ApiKey key, Duration requestTimeout) {
        this.url = url;
        this.http = new DokployHttp(url, key, CONNECT_TIMEOUT, requestTimeout);
    }

    /**
     * The client the {@code dokploy:} section describes, with the key from the environment variable
     * it names ({@code DOKPLOY_API_KEY} by default). A missing URL or key is a usage error (exit 2).
     */
    public static DokployClient fromConfig(DokployConfig config, Map<String, String> env) {
        if (config == null) {
            throw RollbackException.usage("stack.target dokploy needs a dokploy section with url "
                + "and application-id or compose-id");
        }
        DokployUrl url = DokployUrl.parse(config.url());
        ApiKey key = ApiKey.fromEnv(config.apiKeyEnv(), env);
        return new DokployClient(url, key, REQUEST_TIMEOUT);
    }

    @Override
    public String describe() {
        return "Dokploy at " + url;
    }

    @Override
    public List<Deployment> deployments(Target target) {
        Resource resource = Resource.of(target);
        ApiCall call = ApiCall.query(resource.listProcedure, resource.subject(target));
        LOG.debug("listing deployments of {} on {}", call.subject(), describe());
        String body = http.get(call, Map.of(resource.idField, target.id()));
        try {
            return DeploymentRows.parse(body);
        } catch (DeploymentRows.Malformed e) {
            throw http.errors().malformed(call, e.getMessage());
        }
    }

    @Override
    public void rollback(String rollbackId) {
        requireId(rollbackId, "rollbackId");
        ApiCall call = ApiCall.mutation("rollback.rollback", "rollback " + rollbackId);
        LOG.info("asking {} to roll back to {}", describe(), call.subject());
        // The answer is empty (the procedure returns nothing); success is the 2xx itself.
        http.post(call, Map.of("rollbackId", rollbackId));
    }

    @Override
    public void redeploy(Target target, String title, String description) {
        Resource resource = Resource.of(target);
        ApiCall call = ApiCall.mutation(resource.redeployProcedure, resource.subject(target));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put(resource.idField, target.id());
        // Optional strings in Dokploy's input schema: null would fail its validation, so leave them out.
        if (title != null) {
            input.put("title", title);
        }
        if (description != null) {
            input.put("description", description);
        }
        LOG.info("asking {} to redeploy {}", describe(), call.subject());
        // The answer only acknowledges the queued job; the deployment row appears in deployments().
        http.post(call, input);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void requireId(String id, String name) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** The procedures and input field of each kind of target. */
    private enum Resource {
        APPLICATION("application", "applicationId", "deployment.all", "application.redeploy"),
        COMPOSE("compose project", "composeId", "deployment.allByCompose", "compose.redeploy");

        final String noun;
        final String idField;
        final String listProcedure;
        final String redeployProcedure;

        Resource(String noun, String idField, String listProcedure, String redeployProcedure) {
            this.noun = noun;
            this.idField = idField;
            this.listProcedure = listProcedure;
            this.redeployProcedure = redeployProcedure;
        }

        static Resource of(Target target) {
            Objects.requireNonNull(target, "target");
            requireId(target.id(), "target id");
            return switch (Objects.requireNonNull(target.kind(), "target kind")) {
                case APPLICATION -> APPLICATION;
                case COMPOSE -> COMPOSE;
            };
        }

        String subject(Target target) {
            return noun + " " + target.id();
        }
    }
}
